// Reads for `log`, `show`, `export`, `replay` and the inspector: newest first, filtered in SQL on indexed columns.
import type pg from "pg";
import type { Capture, CaptureQuery, CaptureReader, CaptureSummary } from "../../shared/capture.js";
import { rowToCapture, rowToSummary, SUMMARY_COLUMNS, type CaptureRow, type SummaryRow } from "./rows.js";

/** Escape LIKE's wildcards so `meeting.*` matches only names starting with "meeting.". */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface PostgresQuery extends CaptureQuery {
  /** Only captures taken by this listener session id, or by listeners on this host. */
  listener?: string;
}

export class PostgresReader implements CaptureReader {
  constructor(private readonly pool: pg.Pool, private readonly table: string) {}

  async list(query: PostgresQuery = {}): Promise<CaptureSummary[]> {
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
    if (query.listener !== undefined) add((n) => `(listener_session = ${n} or listener_host = ${n})`, query.listener);
    let sql = `select ${SUMMARY_COLUMNS} from ${this.table}`;
    if (where.length) sql += ` where ${where.join(" and ")}`;
    sql += " order by id desc";
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
  async summaries(ids: string[]): Promise<CaptureSummary[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<SummaryRow>(`select ${SUMMARY_COLUMNS} from ${this.table} where id = any($1) order by id desc`, [ids]);
    return rows.map(rowToSummary);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`select count(*)::int as n from ${this.table}`);
    return rows[0]!.n;
  }
}
