// Read-only access for `log`, `show`, `export` and `replay`: tails the segment files a live listener writes.
import fs from "node:fs";
import path from "node:path";
import type { Capture, CaptureQuery, CaptureReader, CaptureSummary, StoreDamage } from "../shared/capture.js";
import { CaptureIndex, describeDamage, noteDamage, type SegmentIndex } from "./capture-index.js";
import { listSegments, readFormat } from "./layout.js";
import { isOwnerAlive, readLockOwner } from "./lock.js";
import { DEFAULT_MAX_CAPTURES, type StoreReaderOptions, type WarningHandler } from "./options.js";
import { readIndexedCapture } from "./read-capture.js";
import { scanSegment, type DamagedSpan } from "./scan.js";

export interface StoreReader extends CaptureReader {
  damage(): Promise<StoreDamage>;
  summaries(ids: readonly string[]): Promise<CaptureSummary[]>;
  close(): Promise<void>;
}

/** How far each segment file has been read, so a refresh reads only what was appended since (stat + a pread). */
interface Cursor {
  ino: number;
  scannedTo: number;
  /** File size when an unreadable tail ended the scan: rescan only once the file changes. */
  stuckAtSize?: number;
}

class Reader implements StoreReader {
  private readonly index = new CaptureIndex(DEFAULT_MAX_CAPTURES);
  private readonly cursors = new Map<number, Cursor>();
  private readonly warned = new Set<string>();
  private refreshing: Promise<void> | undefined;

  constructor(private readonly dir: string, private readonly onWarning: WarningHandler) {}

  async list(query?: CaptureQuery): Promise<CaptureSummary[]> {
    await this.refresh();
    return this.index.list(query);
  }

  async count(): Promise<number> {
    await this.refresh();
    return this.index.count();
  }

  async summaries(ids: readonly string[]): Promise<CaptureSummary[]> {
    await this.refresh();
    return this.index.summaries(ids);
  }

  async get(id: string): Promise<Capture | undefined> {
    await this.refresh();
    const entry = this.index.find(id);
    return entry && readIndexedCapture(this.dir, this.index, entry, this.onWarning);
  }

  /** Damage seen so far: scans find damaged framing; a body's checksum is checked when the capture is read. */
  async damage(): Promise<StoreDamage> {
    await this.refresh();
    return this.index.damage();
  }

  async close(): Promise<void> {
    await this.refreshing?.catch(() => {});
  }

  /** Concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const format = readFormat(this.dir, (code, message) => this.warnOnce(code, code, message));
    this.index.maxCaptures = format?.maxCaptures ?? DEFAULT_MAX_CAPTURES;
    const files = listSegments(this.dir);
    const known = new Map(this.index.segments.map((s) => [s.seq, s]));
    const next: SegmentIndex[] = [];
    for (const [i, f] of files.entries()) {
      const file = path.join(this.dir, f.name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      let seg = known.get(f.seq);
      let cursor = this.cursors.get(f.seq);
      // A different inode or a shorter file means a new file under an old name: start over.
      if (!seg || !cursor || cursor.ino !== stat.ino || stat.size < cursor.scannedTo) {
        seg = { seq: f.seq, name: f.name, entries: [], bytes: 0, damaged: [] };
        cursor = { ino: stat.ino, scannedTo: 0 };
      }
      if (stat.size > cursor.scannedTo && cursor.stuckAtSize !== stat.size) {
        const scan = scanSegment(file, f.seq, cursor.scannedTo, false);
        if (!scan) continue;
        for (const e of scan.entries) seg.entries.push(e);
        seg.bytes = scan.end;
        cursor.scannedTo = scan.end;
        cursor.ino = scan.ino;
        cursor.stuckAtSize = scan.tail ? scan.size : undefined;
        const fresh = scan.damaged.filter((d) => noteDamage(seg!, d));
        if (fresh.length > 0) this.onWarning("store_damaged_records", describeDamage(f.name, fresh));
        if (scan.tailSpan) await this.reportTail(seg, scan.tailSpan, scan.tail!, i === files.length - 1);
      }
      this.cursors.set(f.seq, cursor);
      next.push(seg);
    }
    for (const seq of this.cursors.keys()) if (!next.some((s) => s.seq === seq)) this.cursors.delete(seq);
    this.index.segments = next;
  }

  /**
   * Unreadable bytes at the end of a file. In the segment a live listener is writing, they may be a
   * record being written: not damage yet. Anywhere else they are counted like damage in the middle.
   */
  private async reportTail(seg: SegmentIndex, tail: DamagedSpan, kind: "torn" | "corrupt", last: boolean): Promise<void> {
    if (last) {
      const owner = await readLockOwner(this.dir);
      if (owner && isOwnerAlive(owner)) return;
      this.warnOnce(`${seg.name}:${tail.offset}`, "store_torn_tail",
        `Skipped a ${kind} last record in ${seg.name} (${tail.bytes} bytes at offset ${tail.offset}), likely left by a crash; the captures before it are intact.`);
      return;
    }
    if (noteDamage(seg, tail)) this.onWarning("store_damaged_records", describeDamage(seg.name, [tail]));
  }

  private warnOnce(key: string, code: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.onWarning(code, message);
  }
}

/** Open a store for reading; a missing store reads as empty. Never writes, never clears. */
export async function openStoreReader(options: StoreReaderOptions): Promise<StoreReader> {
  const reader = new Reader(path.resolve(options.dir), options.onWarning ?? (() => {}));
  await reader.refresh();
  return reader;
}
