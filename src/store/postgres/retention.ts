// Retention for the shared store: delete the oldest captures past --max-captures / --max-store-bytes, in small batches.
import type pg from "pg";

const BATCH = 1000;

/**
 * One pass; returns how many captures were deleted. Each batch is its own short statement, so the
 * receiver's inserts never wait behind a long delete, and a crash midway leaves a consistent table.
 */
export async function enforceRetention(pool: pg.Pool, table: string, maxCaptures: number, maxBytes: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `delete from ${table} where id in (select id from ${table} order by id desc offset $1 limit ${BATCH})`,
      [maxCaptures],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  for (;;) {
    const { rowCount } = await pool.query(
      `delete from ${table} where id in (
         select id from (select id, sum(stored_bytes) over (order by id desc) as total from ${table}) t
         where total > $1 order by id limit ${BATCH})`,
      [maxBytes],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  return deleted;
}
