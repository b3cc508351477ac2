// The listener's store: batched durable appends into segment files, retention by whole segments, clear, close.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Capture, CaptureQuery, CaptureStore, CaptureSummary, StoreDamage } from "../shared/capture.js";
import { CaptureIndex, describeDamage, segmentsToDrop, type SegmentIndex } from "./capture-index.js";
import { listSegments, prepareStoreDir, segmentName, syncDir } from "./layout.js";
import { resolveStoreOptions, type ResolvedStoreOptions, type StoreOptions } from "./options.js";
import { encodeRecord } from "./record.js";
import { readIndexedCapture } from "./read-capture.js";
import { scanSegment } from "./scan.js";
import { evictJunk } from "./junk-first.js";
import { SegmentAppender } from "./segment-appender.js";

export interface StoreWriter extends CaptureStore {
  readonly dir: string;
  damage(): Promise<StoreDamage>;
  summaries(ids: readonly string[]): Promise<CaptureSummary[]>;
  /** Apply retention now (it also runs whenever a segment fills up). */
  compact(): Promise<void>;
}

interface Pending {
  record: Buffer;
  summary: CaptureSummary;
  resolve(): void;
  reject(error: unknown): void;
}

class Writer implements StoreWriter {
  readonly dir: string;
  private readonly index: CaptureIndex;
  private active!: SegmentIndex;
  private appender!: SegmentAppender;
  private pending: Pending[] = [];
  private flushQueued = false;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  /** fsync + close of finished segments, run off the append path (fdatasync can take many ms). */
  private background = new Set<Promise<void>>();

  constructor(private readonly o: ResolvedStoreOptions) {
    this.dir = o.dir;
    this.index = new CaptureIndex(o.maxCaptures);
  }

  /**
   * Load every segment's index, skipping damaged records; verify the last one fully and cut a torn tail
   * (only a tail: nothing good follows it) so appends never follow garbage.
   */
  async open(): Promise<void> {
    await prepareStoreDir(this.dir, { maxCaptures: this.o.maxCaptures, maxBytes: this.o.maxBytes }, this.o.onWarning);
    const files = listSegments(this.dir);
    for (const [i, f] of files.entries()) {
      const last = i === files.length - 1;
      const file = path.join(this.dir, f.name);
      const scan = scanSegment(file, f.seq, 0, last);
      if (!scan) continue;
      const seg: SegmentIndex = { seq: f.seq, name: f.name, entries: scan.entries, bytes: scan.end, damaged: scan.damaged };
      if (scan.damaged.length > 0) this.o.onWarning("store_damaged_records", describeDamage(f.name, scan.damaged));
      if (scan.tailSpan) {
        const lost = scan.tailSpan.bytes;
        if (last) {
          await fs.truncate(file, scan.end);
          this.o.onWarning("store_torn_tail", `Cut a ${scan.tail} last record in ${f.name} (${lost} bytes at offset ${scan.end}), likely left by a crash; the captures before it are intact.`);
        } else {
          seg.damaged.push(scan.tailSpan);
          this.o.onWarning("store_damaged_records", describeDamage(f.name, [scan.tailSpan]));
        }
      }
      this.index.segments.push(seg);
    }
    const last = this.index.segments.at(-1);
    if (last && !this.isFull(last)) {
      this.active = last;
      this.appender = await SegmentAppender.open(path.join(this.dir, last.name), last.bytes);
    } else {
      await this.startSegment((last?.seq ?? 0) + 1);
    }
    await this.dropOld();
    this.timer = setInterval(() => this.syncNow(), this.o.flushIntervalMs);
    this.timer.unref();
  }

  append(capture: Capture): Promise<void> {
    if (this.closing) return Promise.reject(new Error("append() after close() on the capture store"));
    let encoded: ReturnType<typeof encodeRecord>;
    try {
      encoded = encodeRecord(capture);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ ...encoded, resolve, reject });
      if (this.flushQueued) return;
      this.flushQueued = true;
      // setImmediate rather than a microtask: every request handled in this loop turn joins one write.
      setImmediate(() => void this.run(() => this.flush()).catch(() => {}));
    });
  }

  async list(query?: CaptureQuery): Promise<CaptureSummary[]> {
    return this.index.list(query);
  }

  async count(): Promise<number> {
    return this.index.count();
  }

  async summaries(ids: readonly string[]): Promise<CaptureSummary[]> {
    return this.index.summaries(ids);
  }

  async get(id: string): Promise<Capture | undefined> {
    const entry = this.index.find(id);
    // Records never move once written, so reading needs no coordination with appends.
    return entry && readIndexedCapture(this.dir, this.index, entry, this.o.onWarning);
  }

  async damage(): Promise<StoreDamage> {
    return this.index.damage();
  }

  compact(): Promise<void> {
    return this.run(async () => {
      await this.flush();
      await this.dropOld();
    });
  }

  /** Start an empty segment, then delete the old files (a crash in between leaves a readable store). */
  clear(): Promise<void> {
    return this.run(async () => {
      await this.flush();
      const old = this.index.segments.slice();
      await this.startSegment(this.active.seq + 1);
      this.index.segments = [this.active];
      for (const seg of old) await fs.rm(path.join(this.dir, seg.name), { force: true });
    });
  }

  close(): Promise<void> {
    this.closing ??= this.run(async () => {
      clearInterval(this.timer);
      await this.flush();
      await Promise.all([this.appender.close(), ...this.background]);
    });
    return this.closing;
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.chain.then(op);
    this.chain = result.catch(() => {});
    return result;
  }

  private isFull(seg: SegmentIndex): boolean {
    return seg.entries.length >= this.o.segmentMaxRecords || seg.bytes >= this.o.segmentMaxBytes;
  }

  /** Write everything appended so far in one writev; resolve each append once that call returned. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let offset: number;
    try {
      offset = this.appender.write(batch.map((p) => p.record));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) {
      this.active.entries.push({ summary: p.summary, seq: this.active.seq, offset, length: p.record.length });
      offset += p.record.length;
    }
    this.active.bytes = this.appender.size;
    for (const p of batch) p.resolve();
    if (this.isFull(this.active)) {
      await this.startSegment(this.active.seq + 1).catch((error: Error) => this.o.onWarning("store_roll_failed", `Could not start a new capture segment: ${error.message}`));
      await this.dropOld().catch((error: Error) => this.o.onWarning("store_retention_failed", `Could not delete old captures: ${error.message}`));
    }
  }

  /** Open segment `seq` and make it the one written; the previous one is synced and closed. */
  private async startSegment(seq: number): Promise<void> {
    const name = segmentName(seq);
    const next = await SegmentAppender.open(path.join(this.dir, name), 0);
    const previous = this.appender as SegmentAppender | undefined;
    this.appender = next;
    this.active = { seq, name, entries: [], bytes: 0, damaged: [] };
    this.index.segments.push(this.active);
    const done = Promise.all([syncDir(this.dir), previous?.close()])
      .then(() => {})
      .catch((error: Error) => this.o.onWarning("store_sync_failed", `Could not fsync a finished capture segment: ${error.message}`))
      .finally(() => this.background.delete(done));
    this.background.add(done);
  }

  /**
   * Retention: first strip junk (unsigned, invalid, malformed) from the oldest finished segments, then
   * delete whole oldest segments; each rename and unlink is atomic, so any crash leaves a readable store.
   */
  private async dropOld(): Promise<void> {
    await evictJunk(this.dir, this.index, this.o.maxCaptures, this.o.maxBytes);
    const n = segmentsToDrop(this.index.segments, this.o.maxCaptures, this.o.maxBytes);
    for (const seg of this.index.segments.splice(0, n)) await fs.rm(path.join(this.dir, seg.name), { force: true });
  }

  private syncNow(): void {
    this.appender.sync().catch((error: Error) => this.o.onWarning("store_sync_failed", `Could not fsync captures: ${error.message}`));
  }
}

/** Open (creating if needed) the store the listener writes. The caller holds acquireStoreLock(dir). */
export async function openStore(options: StoreOptions): Promise<StoreWriter> {
  const writer = new Writer(resolveStoreOptions(options));
  await writer.open();
  return writer;
}
