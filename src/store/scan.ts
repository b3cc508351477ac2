// Reading segment files: scan record headers and summaries in big chunks, and read one whole record.
// Synchronous on purpose: these are local preads, microseconds each, where an async round trip through
// the thread pool cost ~100x more per call (see bench/store-read.ts).
import fs from "node:fs";
import type { CaptureSummary } from "../shared/capture.js";
import { HEADER_BYTES, dataIntact, decodeSummary, parseHead } from "./record.js";
import { ChunkReader, findNextRecord } from "./resync.js";

/** Where a capture lives, plus the summary lists are answered from. */
export interface IndexEntry {
  summary: CaptureSummary;
  seq: number;
  offset: number;
  length: number;
}

/** Bytes in the middle of a segment that are not a valid record; reading went on after them. */
export interface DamagedSpan {
  offset: number;
  bytes: number;
  /** Records that started inside the span, as far as their framing can still be seen (at least 1). */
  records: number;
}

export interface ScanResult {
  entries: IndexEntry[];
  /** Offset just past the last good record: where the next scan (or append) starts. */
  end: number;
  size: number;
  /** Inode, so a reader notices a segment replaced under the same name. */
  ino: number;
  /** Damage skipped over: good records follow each span. */
  damaged: DamagedSpan[];
  /** Unreadable bytes from `end` to the end of the file: "torn" when a record was cut short, "corrupt" otherwise. */
  tail?: "torn" | "corrupt";
  /** The tail as a span, when there is one. */
  tailSpan?: DamagedSpan;
}

/**
 * Scan a segment from `from`. A bad record is skipped and reading resumes at the next offset where a
 * whole record (magic, lengths and checksummed summary) begins, so one flipped byte costs one record,
 * never the rest of the segment. verifyData also checks every body's checksum (the writer does this for
 * the segment it resumes, where a crash may have left zero-filled or half-written bytes).
 * Returns undefined when the file does not exist (retention or clear removed it).
 */
export function scanSegment(file: string, seq: number, from: number, verifyData: boolean): ScanResult | undefined {
  const fd = openIfExists(file);
  if (fd === undefined) return undefined;
  try {
    const stat = fs.fstatSync(fd);
    const size = stat.size;
    const chunks = new ChunkReader(fd, size);
    const probe = (at: number): Found => probeRecord(chunks, at, size, verifyData);
    const result: ScanResult = { entries: [], end: from, size, ino: stat.ino, damaged: [] };
    let pos = from;
    while (pos < size) {
      const found = probe(pos);
      if (found.ok) {
        result.entries.push({ summary: found.summary, seq, offset: pos, length: found.total });
        pos += found.total;
        result.end = pos;
        continue;
      }
      if (found.torn) {
        result.tail = "torn";
        break;
      }
      // A record whose framing is intact but whose data is not: its length is trustworthy, skip exactly it.
      const next = found.total !== undefined ? pos + found.total : findNextRecord(chunks, pos + 1, size, probe);
      if (next === undefined || next >= size) {
        // Nothing readable follows: this is the tail. A header that still parses was cut short by a crash.
        result.tail = size - pos < HEADER_BYTES || (found.total === undefined && parseHead(chunks.get(pos, HEADER_BYTES))) ? "torn" : "corrupt";
        break;
      }
      result.damaged.push({ offset: pos, bytes: next - pos, records: found.total !== undefined ? 1 : chunks.countMagic(pos, next) });
      pos = next;
    }
    if (result.tail) {
      // Spans after the last good record are part of the tail, not damage in the middle.
      result.damaged = result.damaged.filter((d) => d.offset < result.end);
      result.tailSpan = { offset: result.end, bytes: size - result.end, records: chunks.countMagic(result.end, size) };
    }
    return result;
  } finally {
    fs.closeSync(fd);
  }
}

type Found =
  | { ok: true; summary: CaptureSummary; total: number }
  | { ok: false; torn: boolean; total?: number };

/** What is at `at`: a good record, one cut off by the end of the file, or bytes that are not a record. */
function probeRecord(chunks: ChunkReader, at: number, size: number, verifyData: boolean): Found {
  if (size - at < HEADER_BYTES) return { ok: false, torn: false };
  const head = parseHead(chunks.get(at, HEADER_BYTES));
  if (!head) return { ok: false, torn: false };
  // The head checksum covers the lengths, so a record is only ever called torn once its summary checks out.
  if (at + HEADER_BYTES + head.summaryLen > size) return { ok: false, torn: false };
  const summary = decodeSummary(head, chunks.get(at, HEADER_BYTES + head.summaryLen));
  if (!summary) return { ok: false, torn: false };
  if (at + head.total > size) return { ok: false, torn: true };
  if (verifyData && !dataIntact(head, chunks.get(at, head.total))) return { ok: false, torn: false, total: head.total };
  return { ok: true, summary, total: head.total };
}

function openIfExists(file: string): number | undefined {
  try {
    return fs.openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The bytes of one record, or undefined when the file is gone or shorter than expected. */
export function readRecord(file: string, offset: number, length: number): Buffer | undefined {
  const fd = openIfExists(file);
  if (fd === undefined) return undefined;
  try {
    const buf = Buffer.allocUnsafe(length);
    return fs.readSync(fd, buf, 0, length, offset) === length ? buf : undefined;
  } finally {
    fs.closeSync(fd);
  }
}
