// openCaptureStore(spec): a directory or a postgres:// URL → reader, writer and live feed, whichever adapter it takes.
import type { CaptureReader, CaptureStore, ListenerIdentity, SharedStoreQuery } from "../shared/capture.js";
import { pollingFeed, type CaptureFeed } from "./feed.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_CAPTURES, type WarningHandler } from "./options.js";
import { parseStoreSpec, type StoreSpec } from "./spec.js";

export type { ListenerIdentity } from "../shared/capture.js";

export interface OpenStoreOptions {
  /** "write" takes the file store's one-writer lock; a PostgreSQL store takes any number of writers. */
  mode: "read" | "write";
  cwd?: string;
  maxCaptures?: number;
  maxBytes?: number;
  /** Open the live feed (`log --follow`, the inspector). */
  follow?: boolean;
  /** Recorded with each capture in a shared store. */
  listener?: ListenerIdentity;
  appVersion?: string;
  onWarning?: WarningHandler;
  /** The store went down or came back (PostgreSQL only; a file store is never "down"). */
  onStatus?(up: boolean, message: string): void;
}

/** Reads, with the optional filter by listener a shared store understands. */
export interface StoreReaderHandle extends CaptureReader {
  list(query?: SharedStoreQuery): ReturnType<CaptureReader["list"]>;
}

export interface OpenedCaptureStore {
  spec: StoreSpec;
  /** True when several listeners may write it at once (no lock, captures from everyone). */
  shared: boolean;
  reader: StoreReaderHandle;
  /** Present in "write" mode. */
  writer?: CaptureStore & { compact(): Promise<void> };
  /** Who a shared store records as taking this writer's captures. */
  listener?: ListenerIdentity;
  feed?: CaptureFeed;
  close(): Promise<void>;
}

export async function openCaptureStore(specText: string, o: OpenStoreOptions): Promise<OpenedCaptureStore> {
  const spec = parseStoreSpec(specText, o.cwd);
  const maxCaptures = o.maxCaptures ?? DEFAULT_MAX_CAPTURES;
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  if (spec.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres/index.js");
    const store = await openPostgresStore({
      url: spec.url, schema: spec.schema, display: spec.display, maxCaptures, maxBytes, listener: o.listener,
      follow: o.follow, appVersion: o.appVersion, onStatus: o.onStatus, onWarning: o.onWarning,
    });
    const writer = o.mode === "write" ? store : undefined;
    return { spec, shared: true, reader: store.reader, writer, listener: writer && o.listener, feed: store.feed, close: () => store.close() };
  }
  if (o.mode === "read") {
    // Readers (`log`, `show`, `export`) load the reader alone: the writer's modules are start-up they would not use.
    const { openStoreReader } = await import("./reader.js");
    const reader = await openStoreReader({ dir: spec.dir, onWarning: o.onWarning });
    const feed = o.follow ? pollingFeed(reader) : undefined;
    return {
      spec, shared: false, reader, feed,
      async close() {
        await feed?.close();
        await reader.close();
      },
    };
  }
  const s = await import("./index.js");
  const lock = await s.acquireStoreLock(spec.dir);
  let writer: Awaited<ReturnType<typeof s.openStore>>;
  try {
    writer = await s.openStore({ dir: spec.dir, maxCaptures, maxBytes, onWarning: o.onWarning });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const feed = o.follow ? pollingFeed(writer) : undefined;
  return {
    spec, shared: false, reader: writer, writer, feed,
    async close() {
      await feed?.close();
      await writer.close();
      await lock.release();
    },
  };
}
