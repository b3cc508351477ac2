// Reads for `log`, `show`, `export`, `replay` and the inspector: newest first, filtered in SQL on indexed columns.
import type pg from "pg";
import type { Capture, CaptureReader, CaptureSummary, ListenerSeen, SharedStoreQuery } from "../../shared/capture.js";
import { listenerOf, rowToCapture, rowToSummary, SUMMARY_COLUMNS, type CaptureRow, type SummaryRow } from "./rows.js";

/** Escape LIKE's wildcards so `meeting.*` matches only names starting with "meeting.". */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

interface SeenRow {
  listener_session: string;
  listener_host: string | null;
  listener_user: string | null;
  listener_pid: number | null;
  id: string;
  received_at: Date;
}

export class PostgresReader implements CaptureReader {
  constructor(private readonly pool: pg.Pool, private readonly table: string) {}

  async list(query: SharedStoreQuery = {}): Promise<CaptureSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.before !== undefined) add((n) => `id < ${n}`, query.before);
    if (query.event !== undefined) {
      if (query.event.endsWith("*")) add((n) => `event like ${n}`, likePrefix(query.event.slice(0, -1)));
      else add((n) => `event = ${n}`, query.event);
    }
    if (query.verification !== undefined) add((n) => `verification = ${n}`, query.verification);
    if (query.kind !== undefined) add((n) => `kind = ${n}`, query.kind);
    let order = "id desc";
    if (query.listener !== undefined) {
      // The sessions first (a few index probes), so one listener's captures are read from its own index range.
      const sessions = (await this.seen(query.listener)).map((l) => l.session);
      if (sessions.length === 0) return [];
      if (sessions.length === 1) {
        add((n) => `listener_session = ${n}`, sessions[0]);
        // The same order (the session is fixed), spelled as the index's: never a walk through everyone's captures.
        order = "listener_session desc, id desc";
      } else {
        add((n) => `listener_session = any(${n})`, sessions);
      }
    }
    let sql = `select ${SUMMARY_COLUMNS} from ${this.table}`;
    if (where.length) sql += ` where ${where.join(" and ")}`;
    sql += ` order by ${order}`;
    if (query.limit !== undefined) {
      params.push(Math.max(0, Math.floor(query.limit)));
      sql += ` limit $${params.length}`;
    }
    const { rows } = await this.pool.query<SummaryRow>(sql, params);
    return rows.map(rowToSummary);
  }

  async get(id: string): Promise<Capture | undefined> {
    const { rows } = id === "last"
      ? await this.pool.query<CaptureRow>(`select * from ${this.table} order by id desc limit 1`)
      : await this.pool.query<CaptureRow>(`select * from ${this.table} where id = $1`, [id]);
    return rows[0] ? rowToCapture(rows[0]) : undefined;
  }

  /** Summaries for ids a notification named, newest first (ids gone meanwhile are skipped). */
  async summaries(ids: readonly string[]): Promise<CaptureSummary[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<SummaryRow>(`select ${SUMMARY_COLUMNS} from ${this.table} where id = any($1) order by id desc`, [[...ids]]);
    return rows.map(rowToSummary);
  }

  async listeners(limit = 100): Promise<ListenerSeen[]> {
    return this.seen(undefined, limit);
  }

  /**
   * Distinct listeners with each one's newest capture, by a skip scan down captures_listener_idx: in
   * (session, id) order from the end, the first entry below a session is the next session's newest
   * capture, so each listener costs one index probe however many captures it took. `match` keeps those
   * with that session id or host.
   */
  private async seen(match?: string, limit?: number): Promise<ListenerSeen[]> {
    const T = this.table;
    const params: unknown[] = [];
    let filter = "";
    if (match !== undefined) {
      params.push(match);
      filter = "where c.listener_session = $1 or c.listener_host = $1";
    }
    let cap = "";
    if (limit !== undefined) {
      params.push(Math.max(0, Math.floor(limit)));
      cap = `limit $${params.length}`;
    }
    const newest = (where: string) => `select listener_session, id from ${T} c where ${where} order by listener_session desc, id desc limit 1`;
    const { rows } = await this.pool.query<SeenRow>(`with recursive s(session, id) as (
        (${newest("c.listener_session is not null")})
        union all
        select n.listener_session, n.id from s cross join lateral (${newest("c.listener_session < s.session")}) n)
      select c.listener_session, c.listener_host, c.listener_user, c.listener_pid, c.id, c.received_at
      from s join ${T} c on c.id = s.id ${filter} order by c.id desc ${cap}`, params);
    return rows.map((r) => ({ ...listenerOf(r)!, lastId: r.id, lastAt: r.received_at.toISOString() }));
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`select count(*)::int as n from ${this.table}`);
    return rows[0]!.n;
  }
}
