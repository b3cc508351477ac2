// The PostgreSQL capture store: the one place the driver is imported, loaded only when a postgres:// store is used.
import pg from "pg";
import type { Capture, CaptureStore, SharedStoreQuery } from "../../shared/capture.js";
import type { CaptureFeed } from "../feed.js";
import { explainConnectError } from "./errors.js";
import { openPostgresFeed } from "./feed.js";
import { ident, migrate } from "./migrations.js";
import { PostgresReader } from "./reader.js";
import type { ListenerIdentity } from "../../shared/capture.js";
import { PostgresWriter } from "./writer.js";


export interface PostgresStoreOptions {
  url: string;
  schema: string;
  /** The URL with its password masked, for messages. */
  display: string;
  maxCaptures: number;
  maxBytes: number;
  listener?: ListenerIdentity;
  /** Open the LISTEN connection for a live feed. */
  follow?: boolean;
  appVersion?: string;
  onStatus?(up: boolean, message: string): void;
  onWarning?(code: string, message: string): void;
}

export interface PostgresStore extends CaptureStore {
  readonly reader: PostgresReader;
  readonly feed?: CaptureFeed;
  list: PostgresReader["list"];
  compact(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;
// A statement that has not answered by then is treated as the database being gone: the request gets
// its 503 while the sender still waits (Zoom gives up after 3 s and retries), instead of hanging.
const QUERY_TIMEOUT_MS = 5000;

export async function openPostgresStore(o: PostgresStoreOptions): Promise<PostgresStore> {
  // keepAlive: a connection silently dropped by the network is noticed, not waited on forever.
  const base = { connectionString: o.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, application_name: "zoomhook" };
  const config: pg.PoolConfig = { ...base, max: 4, query_timeout: QUERY_TIMEOUT_MS };
  const pool = new pg.Pool(config);
  const table = `${ident(o.schema)}.captures`;
  const channel = `zoomhook_${o.schema}`;
  let writer: PostgresWriter | undefined;
  // An idle pooled connection that the server drops emits here; without a listener it would end the process.
  pool.on("error", (error) => writer?.markDown(error));
  let feed: CaptureFeed | undefined;
  try {
    await migrate(pool, o.schema, o.appVersion ?? "unknown");
    if (o.follow) feed = await openPostgresFeed(base, channel);
  } catch (error) {
    await pool.end().catch(() => {});
    if ((error as { exitCode?: number }).exitCode !== undefined) throw error;
    throw explainConnectError(error, o.url, o.display);
  }
  const w = new PostgresWriter(pool, table, channel, {
    maxCaptures: o.maxCaptures,
    maxBytes: o.maxBytes,
    listener: o.listener,
    onStatus: o.onStatus ?? (() => {}),
    onWarning: o.onWarning ?? (() => {}),
  });
  writer = w;
  const reader = new PostgresReader(pool, table);
  let closing: Promise<void> | undefined;
  return {
    reader,
    feed,
    append: (c: Capture) => w.append(c),
    clear: () => w.clear(),
    compact: () => w.compact(),
    list: (q?: SharedStoreQuery) => reader.list(q),
    get: (id: string) => reader.get(id),
    count: () => reader.count(),
    close() {
      closing ??= (async () => {
        await w.close();
        await feed?.close();
        await pool.end().catch(() => {});
      })();
      return closing;
    },
  };
}
