// Reading segment files: scan record headers and summaries in big chunks, and read one whole record.
import { promises as fs } from "node:fs";
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
  constructor(private readonly fh: fs.FileHandle, private readonly size: number) {}

  async get(pos: number, len: number): Promise<Buffer> {
    const rel = pos - this.start;
    if (rel >= 0 && rel + len <= this.buf.length) return this.buf.subarray(rel, rel + len);
    const want = Math.min(Math.max(len, CHUNK), this.size - pos);
    const buf = Buffer.allocUnsafe(Math.max(0, want));
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, pos);
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
export async function scanSegment(file: string, seq: number, from: number, verifyData: boolean): Promise<ScanResult | undefined> {
  const fh = await fs.open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!fh) return undefined;
  try {
    const stat = await fh.stat();
    const size = stat.size;
    const chunks = new ChunkReader(fh, size);
    const entries: IndexEntry[] = [];
    let pos = from;
    let problem: ScanResult["problem"];
    while (pos < size) {
      if (size - pos < HEADER_BYTES) {
        problem = "torn";
        break;
      }
      const head = parseHead(await chunks.get(pos, HEADER_BYTES));
      if (!head) {
        problem = "corrupt";
        break;
      }
      if (pos + head.total > size) {
        problem = "torn";
        break;
      }
      const summary = decodeSummary(head, await chunks.get(pos, HEADER_BYTES + head.summaryLen));
      if (!summary || (verifyData && !dataIntact(head, await chunks.get(pos, head.total)))) {
        problem = "corrupt";
        break;
      }
      entries.push({ summary, seq, offset: pos, length: head.total });
      pos += head.total;
    }
    return { entries, end: pos, size, ino: stat.ino, problem };
  } finally {
    await fh.close();
  }
}

/** The bytes of one record, or undefined when the file is gone or shorter than expected. */
export async function readRecord(file: string, offset: number, length: number): Promise<Buffer | undefined> {
  const fh = await fs.open(file, "r").catch(() => undefined);
  if (!fh) return undefined;
  try {
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return bytesRead === length ? buf : undefined;
  } finally {
    await fh.close();
  }
}
