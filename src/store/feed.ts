// The live feed a store may offer: which captures just committed (by id), a clear, and the store's health.
import { summarize, type CaptureReader, type CaptureSummary } from "../shared/capture.js";

export type FeedEvent =
  | { type: "captures"; ids: string[] }
  | { type: "cleared" }
  | { type: "status"; up: boolean; message: string };

export interface CaptureFeed {
  /** Subscribe; returns the unsubscribe function. */
  subscribe(onEvent: (event: FeedEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * The summaries of the captures a feed event named, in the order named (commit order); ids gone meanwhile
 * are skipped. One query where the store can (a burst of a hundred captures is one round trip, bodies unread).
 */
export async function summariesFor(reader: CaptureReader, ids: readonly string[]): Promise<CaptureSummary[]> {
  if (reader.summaries) {
    const byId = new Map((await reader.summaries(ids)).map((s) => [s.id, s]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
  const out: CaptureSummary[] = [];
  for (const id of ids) {
    const c = await reader.get(id);
    if (c) out.push(summarize(c));
  }
  return out;
}

/** A set of subscribers that one failing subscriber cannot break. */
export function createSubscribers(): { add(fn: (e: FeedEvent) => void): () => void; emit(e: FeedEvent): void; size(): number } {
  const subs = new Set<(e: FeedEvent) => void>();
  return {
    add(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    emit(e) {
      for (const fn of subs) {
        try {
          fn(e);
        } catch {
          // a broken subscriber must not stop the others
        }
      }
    },
    size: () => subs.size,
  };
}

/**
 * The file store's feed: it has no notifications, so a reader is polled. A poll refreshes the reader (a
 * directory listing and a stat per segment; only bytes appended since are read) and looks at the newest
 * capture; the newer ones are listed only when that changed.
 */
export function pollingFeed(reader: CaptureReader, intervalMs = 250): CaptureFeed {
  const subs = createSubscribers();
  let newest: string | undefined;
  let primed = false;
  let running: Promise<void> | undefined;
  const poll = async () => {
    const [top] = await reader.list({ limit: 1 });
    if (primed && top?.id === newest) return;
    const fresh = await reader.list({ limit: 500 });
    const ids: string[] = [];
    for (const s of fresh) {
      if (newest !== undefined && s.id <= newest) break;
      ids.push(s.id);
    }
    if (fresh.length === 0 && newest !== undefined) {
      newest = undefined;
      subs.emit({ type: "cleared" });
      return;
    }
    const wasPrimed = primed;
    primed = true;
    if (ids.length === 0) return;
    newest = ids[0];
    // The first poll only learns where "now" is: what existed before subscribing is not news.
    if (wasPrimed) subs.emit({ type: "captures", ids: ids.reverse() });
  };
  running = poll().catch(() => {});
  const timer = setInterval(() => {
    running = (running ?? Promise.resolve()).then(poll).catch(() => {});
  }, intervalMs);
  timer.unref();
  return {
    subscribe: (fn) => subs.add(fn),
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
