// Chunked reads of a segment, and resynchronisation: finding where the next whole record begins after damage.
import fs from "node:fs";
import { MAGIC_BYTES } from "./record.js";

// Small bodies come along in the chunk (cheap); bodies bigger than a chunk are skipped, never read.
const CHUNK = 1024 * 1024;

export class ChunkReader {
  private buf = Buffer.alloc(0);
  private start = 0;
  /** One buffer for every read of the scan: a fresh megabyte per chunk left the collector most of a scan's time. */
  private space = Buffer.alloc(0);
  constructor(private readonly fd: number, private readonly size: number) {}

  /** `len` bytes at `pos` (fewer at the end of the file); valid until the next call. */
  get(pos: number, len: number): Buffer {
    const rel = pos - this.start;
    if (rel >= 0 && rel + len <= this.buf.length) return this.buf.subarray(rel, rel + len);
    const want = Math.max(0, Math.min(Math.max(len, CHUNK), this.size - pos));
    if (this.space.length < want) this.space = Buffer.allocUnsafe(Math.max(want, Math.min(CHUNK, this.size)));
    const bytesRead = fs.readSync(this.fd, this.space, 0, want, pos);
    this.buf = this.space.subarray(0, bytesRead);
    this.start = pos;
    return this.buf.subarray(0, Math.min(len, bytesRead));
  }

  /** Offsets in [from, to) where the record magic appears, in order. */
  *magicOffsets(from: number, to: number): Generator<number> {
    let pos = from;
    while (pos < to) {
      // Overlap windows by the magic's length minus one, so a magic split across two reads is still seen.
      const window = Buffer.from(this.get(pos, Math.min(CHUNK, to - pos + MAGIC_BYTES.length - 1)));
      let i = window.indexOf(MAGIC_BYTES);
      while (i !== -1 && pos + i < to) {
        yield pos + i;
        i = window.indexOf(MAGIC_BYTES, i + 1);
      }
      if (window.length < MAGIC_BYTES.length) return;
      pos += window.length - (MAGIC_BYTES.length - 1);
    }
  }

  /** How many records appear to start in [from, to): a guess for reporting, at least 1. */
  countMagic(from: number, to: number): number {
    let n = 0;
    for (const _ of this.magicOffsets(from, to)) n++;
    return Math.max(1, n);
  }
}

/** What a candidate offset holds; a torn record counts as a start (the scan then reports the tail). */
export type Probe = (at: number) => { ok: boolean; torn?: boolean };

/**
 * The first offset at or after `from` where a record with a valid header checksum starts, or undefined.
 * The checksum (over magic, lengths and summary) makes a false start in body bytes a 1-in-2^32 event.
 */
export function findNextRecord(chunks: ChunkReader, from: number, size: number, probe: Probe): number | undefined {
  for (const at of chunks.magicOffsets(from, size)) {
    const found = probe(at);
    if (found.ok || found.torn) return at;
  }
  return undefined;
}
