// The live feed a store may offer: which captures just committed (by id), a clear, and the store's health.
import type { CaptureReader } from "../shared/capture.js";

export type FeedEvent =
  | { type: "captures"; ids: string[] }
  | { type: "cleared" }
  | { type: "status"; up: boolean; message: string };

export interface CaptureFeed {
  /** Subscribe; returns the unsubscribe function. */
  subscribe(onEvent: (event: FeedEvent) => void): () => void;
  close(): Promise<void>;
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
 * The file store's feed: it has no notifications, so a reader is polled (it reads only what was
 * appended since, so a poll is a stat and at most one pread).
 */
export function pollingFeed(reader: CaptureReader, intervalMs = 250): CaptureFeed {
  const subs = createSubscribers();
  let newest: string | undefined;
  let primed = false;
  let running: Promise<void> | undefined;
  const poll = async () => {
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
