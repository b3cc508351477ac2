// The listener's writes: appends of one event-loop turn share one INSERT (and one NOTIFY); health, clear, retention.
import type pg from "pg";
import type { Capture } from "../../shared/capture.js";
import { isConnectionFailure, StoreDownError } from "./errors.js";
import { enforceRetention } from "./retention.js";
import type { ListenerIdentity } from "../../shared/capture.js";
import { captureRecord, insertSelect } from "./rows.js";

export interface WriterOptions {
  maxCaptures: number;
  maxBytes: number;
  listener?: ListenerIdentity;
  /** The database went away (up=false) or came back (up=true). */
  onStatus(up: boolean, message: string): void;
  onWarning(code: string, message: string): void;
}

interface Pending {
  capture: Capture;
  /** The capture as JSON text, ready to join its batch. */
  record: string;
  resolve(): void;
  reject(error: unknown): void;
}

// 100 ids fit NOTIFY's 8000-byte payload.
const ROWS_PER_STATEMENT = 100;
/** Statements in flight at once: few, so that under load appends gather into larger statements (the server
 * does less per row), and the pool keeps connections for reads and retention. */
const MAX_IN_FLIGHT = 2;
const RETENTION_EVERY_MS = 1000;
/** The byte limit needs a sum over the whole table: checked less often than the count. */
const BYTES_EVERY_MS = 10_000;
const PROBE_MIN_MS = 200;
const PROBE_MAX_MS = 5000;

export class PostgresWriter {
  private pending: Pending[] = [];
  private flushQueued = false;
  private readonly inflight = new Set<Promise<void>>();
  private up = true;
  private closed = false;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retentionRun: Promise<void> | undefined;
  private bytesCheckedAt = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  /** The NOTIFY is part of the same statement, so followers hear of exactly the rows that committed. */
  private readonly sql: string;

  constructor(private readonly pool: pg.Pool, private readonly table: string, private readonly channel: string, private readonly o: WriterOptions) {
    this.sql = `with ins as (${insertSelect(table)} on conflict (id) do nothing returning id)
      select pg_notify($2, 'c:' || string_agg(id, ',')) from ins having count(*) > 0`;
  }

  /** Resolves once the row is committed; rejects at once while the database is known to be down. */
  append(capture: Capture): Promise<void> {
    if (this.closed) return Promise.reject(new Error("append() after close() on the capture store"));
    if (!this.up) return Promise.reject(new StoreDownError("the capture database is unreachable"));
    let record: string;
    try {
      record = captureRecord(capture, this.o.listener);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ capture, record, resolve, reject });
      if (this.flushQueued) return;
      this.flushQueued = true;
      // setImmediate rather than a microtask: every request handled in this loop turn joins one statement.
      setImmediate(() => this.flush());
    });
  }

  /** Delete every capture (every listener's) and tell followers. */
  async clear(): Promise<void> {
    await this.drain();
    await this.pool.query(`with gone as (delete from ${this.table}) select pg_notify($1, 'x')`, [this.channel]);
  }

  /** Run retention now and wait for it (it also runs about once a second after inserts). */
  async compact(): Promise<void> {
    await this.drain();
    await (this.retentionRun ?? Promise.resolve());
    await this.retain(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    clearTimeout(this.retentionTimer);
    clearTimeout(this.probeTimer);
    await this.retentionRun?.catch(() => {});
  }

  private async drain(): Promise<void> {
    this.flush();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private flush(): void {
    this.flushQueued = false;
    // With every connection busy, later appends wait and go out together in one larger statement.
    while (this.pending.length > 0 && this.inflight.size < MAX_IN_FLIGHT) {
      const chunk = this.pending.splice(0, ROWS_PER_STATEMENT);
      const done: Promise<void> = this.insert(chunk).finally(() => {
        this.inflight.delete(done);
        this.flush();
      });
      this.inflight.add(done);
    }
  }

  private async insert(chunk: Pending[]): Promise<void> {
    try {
      const batch = chunk.length === 1 ? `[${chunk[0]!.record}]` : `[${chunk.map((p) => p.record).join(",")}]`;
      // Named: each connection parses and plans the statement once.
      await this.pool.query({ name: "zoomhook_insert", text: this.sql, values: [batch, this.channel] });
    } catch (error) {
      if (isConnectionFailure(error)) {
        this.markDown(error);
        for (const p of chunk) p.reject(error);
        return;
      }
      // One row the database refuses must not fail the requests that shared its statement.
      if (chunk.length > 1) {
        for (const p of chunk) await this.insert([p]);
        return;
      }
      // A body that jsonb refuses after all is still stored: raw bytes only, like any non-JSON body.
      const p = chunk[0]!;
      const plain = captureRecord(p.capture, this.o.listener, false);
      if (plain !== p.record) return this.insert([{ ...p, record: plain }]);
      p.reject(error);
      return;
    }
    for (const p of chunk) p.resolve();
    this.scheduleRetention();
  }

  private scheduleRetention(): void {
    if (this.retentionTimer || this.closed) return;
    this.retentionTimer = setTimeout(() => {
      this.retentionRun = this.retain().finally(() => {
        this.retentionTimer = undefined;
        this.retentionRun = undefined;
      });
    }, RETENTION_EVERY_MS);
    this.retentionTimer.unref();
  }

  private async retain(force = false): Promise<void> {
    try {
      const now = Date.now();
      const checkBytes = force || now - this.bytesCheckedAt >= BYTES_EVERY_MS;
      if (checkBytes) this.bytesCheckedAt = now;
      await enforceRetention(this.pool, this.table, this.o.maxCaptures, this.o.maxBytes, checkBytes);
    } catch (error) {
      if (isConnectionFailure(error)) this.markDown(error);
      else this.o.onWarning("store_retention_failed", `Could not delete old captures: ${(error as Error).message}`);
    }
  }

  /** Answer 503 from now on, and probe with backoff until the database answers again. */
  markDown(error: unknown): void {
    if (!this.up || this.closed) return;
    this.up = false;
    const why = (error as Error)?.message ?? String(error);
    this.o.onStatus(false, `The capture database is unreachable (${why}); requests get 503 so Zoom retries them later.`);
    let delay = PROBE_MIN_MS;
    const probe = () => {
      this.probeTimer = undefined;
      if (this.closed) return;
      this.pool.query("select 1").then(
        () => {
          if (this.closed) return;
          this.up = true;
          this.o.onStatus(true, "The capture database is back; captures are stored again.");
        },
        () => {
          delay = Math.min(PROBE_MAX_MS, delay * 2);
          this.probeTimer = setTimeout(probe, delay);
          this.probeTimer.unref();
        },
      );
    };
    this.probeTimer = setTimeout(probe, delay);
    this.probeTimer.unref();
  }
}
