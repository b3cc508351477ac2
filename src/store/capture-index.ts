// The in-memory index both the writer and readers answer list/get/count from: summaries and offsets only.
import type { CaptureQuery, CaptureSummary } from "../shared/capture.js";
import type { IndexEntry } from "./scan.js";
import { matchesPattern } from "../shared/pattern.js";

export interface SegmentIndex {
  seq: number;
  name: string;
  entries: IndexEntry[];
  /** Bytes of good records in the file. */
  bytes: number;
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
