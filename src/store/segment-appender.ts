// The open segment being written: batched writev appends, and fdatasync on demand without blocking writes.
import fs from "node:fs";
import { FILE_MODE } from "./layout.js";

function totalLength(buffers: readonly Buffer[]): number {
  let n = 0;
  for (const b of buffers) n += b.length;
  return n;
}

/** The buffers left after the first `skip` bytes (a short write continues where it stopped). */
function remainder(buffers: readonly Buffer[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  let left = skip;
  for (const b of buffers) {
    if (left >= b.length) {
      left -= b.length;
      continue;
    }
    out.push(left > 0 ? b.subarray(left) : b);
    left = 0;
  }
  return out;
}

export class SegmentAppender {
  private dirty = false;
  private syncing: Promise<void> | undefined;
  private closed = false;

  private constructor(private readonly fh: fs.promises.FileHandle, public size: number) {}

  /** Open for append (O_APPEND: every write lands at the end whatever else happens). */
  static async open(file: string, size: number): Promise<SegmentAppender> {
    return new SegmentAppender(await fs.promises.open(file, "a", FILE_MODE), size);
  }

  /**
   * Write the buffers with one writev and return the offset of the first. Synchronous on purpose: a
   * page-cache write of one batch takes microseconds, far less than a thread-pool round trip, and the
   * bytes then survive the process being killed (not power loss; see sync()).
   */
  write(buffers: readonly Buffer[]): number {
    const offset = this.size;
    const total = totalLength(buffers);
    let written = 0;
    try {
      while (written < total) {
        const bytesWritten = fs.writevSync(this.fh.fd, written === 0 ? (buffers as Buffer[]) : remainder(buffers, written));
        if (bytesWritten <= 0) throw new Error("the capture segment accepted no bytes");
        written += bytesWritten;
      }
    } catch (error) {
      // A half-written batch (disk full…) must not stay in front of the next records.
      if (written > 0) {
        try {
          fs.ftruncateSync(this.fh.fd, offset);
        } catch {
          // Nothing more to do: the next open cuts a torn tail anyway.
        }
      }
      throw error;
    }
    this.size += total;
    this.dirty = true;
    return offset;
  }

  /** fdatasync what was written since the last sync; concurrent callers share one call. */
  sync(): Promise<void> {
    if (this.syncing) return this.syncing;
    if (!this.dirty || this.closed) return Promise.resolve();
    this.dirty = false;
    this.syncing = this.fh.datasync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.syncing?.catch(() => {});
    await this.sync();
    this.closed = true;
    await this.fh.close();
  }
}
