// The in-memory index both the writer and readers answer list/get/count from: summaries and offsets only.
import type { CaptureQuery, CaptureSummary, StoreDamage } from "../shared/capture.js";
import type { DamagedSpan, IndexEntry } from "./scan.js";
import { matchesPattern } from "../shared/pattern.js";

export interface SegmentIndex {
  seq: number;
  name: string;
  entries: IndexEntry[];
  /** Bytes of good records in the file. */
  bytes: number;
  /** Unreadable spans skipped in this file (they leave with it when retention drops it). */
  damaged: DamagedSpan[];
}

/** One sentence for a warning: how many records were skipped in a file, and at which offsets. */
export function describeDamage(name: string, spans: readonly DamagedSpan[]): string {
  let records = 0;
  let bytes = 0;
  for (const d of spans) {
    records += d.records;
    bytes += d.bytes;
  }
  const where = spans.slice(0, 5).map((d) => d.offset).join(", ") + (spans.length > 5 ? ", …" : "");
  const n = records === 1 ? "1 unreadable record" : `${records} unreadable records`;
  return `Skipped ${n} in ${name} (${bytes} bytes at offset${spans.length === 1 ? "" : "s"} ${where}); the other captures in it are intact.`;
}

/** Add a span unless one at the same offset is already known (readers rescan, reads repeat). */
export function noteDamage(seg: SegmentIndex, span: DamagedSpan): boolean {
  if (seg.damaged.some((d) => d.offset === span.offset)) return false;
  seg.damaged.push(span);
  return true;
}

/** True when `event` matches an exact name or a pattern (`meeting.*`, `*.completed`). */
export function matchesEvent(pattern: string, event: string | undefined): boolean {
  return event !== undefined && matchesPattern(pattern, event);
}

function matches(s: CaptureSummary, q: CaptureQuery): boolean {
  if (q.before !== undefined && !(s.id < q.before)) return false;
  if (q.event !== undefined && !matchesEvent(q.event, s.event)) return false;
  if (q.verification !== undefined && s.verification !== q.verification) return false;
  if (q.kind !== undefined && s.kind !== q.kind) return false;
  return true;
}

export class CaptureIndex {
  /** Oldest first, as on disk. */
  segments: SegmentIndex[] = [];

  /** Only the newest maxCaptures are visible, even before retention has deleted older segments. */
  constructor(public maxCaptures: number) {}

  totalEntries(): number {
    let n = 0;
    for (const seg of this.segments) n += seg.entries.length;
    return n;
  }

  totalBytes(): number {
    let n = 0;
    for (const seg of this.segments) n += seg.bytes;
    return n;
  }

  damage(): StoreDamage {
    const out: StoreDamage = { records: 0, bytes: 0, spots: [] };
    for (const seg of this.segments) {
      for (const d of seg.damaged) {
        out.records += d.records;
        out.bytes += d.bytes;
        out.spots.push({ segment: seg.name, ...d });
      }
    }
    return out;
  }

  count(): number {
    return Math.min(this.totalEntries(), this.maxCaptures);
  }

  /** Visit visible entries newest first until `visit` returns true; returns the entry it stopped on. */
  private scanNewest(visit: (entry: IndexEntry) => boolean): IndexEntry | undefined {
    let left = this.maxCaptures;
    for (let s = this.segments.length - 1; s >= 0; s--) {
      const entries = this.segments[s]!.entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        if (left-- <= 0) return undefined;
        if (visit(entries[i]!)) return entries[i];
      }
    }
    return undefined;
  }

  list(query: CaptureQuery = {}): CaptureSummary[] {
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const out: CaptureSummary[] = [];
    if (limit <= 0) return out;
    this.scanNewest((entry) => {
      if (matches(entry.summary, query)) out.push(entry.summary);
      return out.length >= limit;
    });
    return out;
  }

  /** Summaries of these ids, newest first, in one pass from the newest end (a feed names the newest ones). */
  summaries(ids: readonly string[]): CaptureSummary[] {
    const want = new Set(ids);
    const out: CaptureSummary[] = [];
    if (want.size > 0) {
      this.scanNewest((entry) => {
        if (want.delete(entry.summary.id)) out.push(entry.summary);
        return want.size === 0;
      });
    }
    return out;
  }

  /** An entry by id, or the newest for "last". */
  find(id: string): IndexEntry | undefined {
    return this.scanNewest((entry) => id === "last" || entry.summary.id === id);
  }
}

/**
 * How many of the oldest segments retention drops: while the rest still holds maxCaptures, or while
 * the store is over maxBytes. The segment being written is never dropped.
 */
export function segmentsToDrop(segments: readonly SegmentIndex[], maxCaptures: number, maxBytes: number): number {
  let count = 0;
  let bytes = 0;
  for (const seg of segments) {
    count += seg.entries.length;
    bytes += seg.bytes;
  }
  let drop = 0;
  while (drop < segments.length - 1) {
    const seg = segments[drop]!;
    if (count - seg.entries.length < maxCaptures && bytes <= maxBytes) break;
    count -= seg.entries.length;
    bytes -= seg.bytes;
    drop++;
  }
  return drop;
}
