// Reading segment files: scan record headers and summaries in big chunks, and read one whole record.
// Synchronous on purpose: these are local preads, microseconds each, where an async round trip through
// the thread pool cost ~100x more per call (see bench/store-read.ts).
import fs from "node:fs";
import type { CaptureSummary } from "../shared/capture.js";
import { HEADER_BYTES, dataIntact, decodeSummary, parseHead } from "./record.js";

/** Where a capture lives, plus the summary lists are answered from. */
export interface IndexEntry {
  summary: CaptureSummary;
  seq: number;
  offset: number;
  length: number;
}

export interface ScanResult {
  entries: IndexEntry[];
  /** Offset just past the last good record: where the next scan (or append) starts. */
  end: number;
  size: number;
  /** Inode, so a reader notices a segment replaced under the same name. */
  ino: number;
  /** "torn": the file ends inside a record; "corrupt": bytes that are not a valid record. */
  problem?: "torn" | "corrupt";
}

// Small bodies come along in the chunk (cheap); bodies bigger than a chunk are skipped, never read.
const CHUNK = 1024 * 1024;

class ChunkReader {
  private buf = Buffer.alloc(0);
  private start = 0;
  constructor(private readonly fd: number, private readonly size: number) {}

  get(pos: number, len: number): Buffer {
    const rel = pos - this.start;
    if (rel >= 0 && rel + len <= this.buf.length) return this.buf.subarray(rel, rel + len);
    const want = Math.min(Math.max(len, CHUNK), this.size - pos);
    const buf = Buffer.allocUnsafe(Math.max(0, want));
    const bytesRead = fs.readSync(this.fd, buf, 0, buf.length, pos);
    this.buf = buf.subarray(0, bytesRead);
    this.start = pos;
    return this.buf.subarray(0, Math.min(len, bytesRead));
  }
}

/**
 * Scan a segment from `from`. verifyData also checks every body's checksum (the writer does this for
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
    const entries: IndexEntry[] = [];
    let pos = from;
    let problem: ScanResult["problem"];
    while (pos < size) {
      if (size - pos < HEADER_BYTES) {
        problem = "torn";
        break;
      }
      const head = parseHead(chunks.get(pos, HEADER_BYTES));
      if (!head) {
        problem = "corrupt";
        break;
      }
      if (pos + head.total > size) {
        problem = "torn";
        break;
      }
      const summary = decodeSummary(head, chunks.get(pos, HEADER_BYTES + head.summaryLen));
      if (!summary || (verifyData && !dataIntact(head, chunks.get(pos, head.total)))) {
        problem = "corrupt";
        break;
      }
      entries.push({ summary, seq, offset: pos, length: head.total });
      pos += head.total;
    }
    return { entries, end: pos, size, ino: stat.ino, problem };
  } finally {
    fs.closeSync(fd);
  }
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
