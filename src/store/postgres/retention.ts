// Retention for the shared store: delete the oldest captures past --max-captures / --max-store-bytes, in small batches.
import type pg from "pg";

const BATCH = 2000;

/** Delete every capture with an id up to `newestGone`, oldest first, one short statement per batch. */
async function deleteUpTo(pool: pg.Pool, table: string, newestGone: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await pool.query(`delete from ${table} where id in (select id from ${table} where id <= $1 order by id limit ${BATCH})`, [newestGone]);
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return deleted;
  }
}

/**
 * One pass; returns how many captures were deleted. The count limit is found by walking the primary
 * key (cheap, so it runs often); the byte limit needs a running sum over the table, so callers ask
 * for it less often. Short statements: the receiver's inserts never wait behind a long delete, and a
 * crash midway leaves a consistent table.
 */
export async function enforceRetention(pool: pg.Pool, table: string, maxCaptures: number, maxBytes: number, checkBytes: boolean): Promise<number> {
  let deleted = 0;
  const over = await pool.query<{ id: string }>(`select id from ${table} order by id desc offset $1 limit 1`, [maxCaptures]);
  if (over.rows[0]) deleted += await deleteUpTo(pool, table, over.rows[0].id);
  if (checkBytes) {
    const big = await pool.query<{ id: string }>(
      `select id from (select id, sum(stored_bytes) over (order by id desc) as total from ${table}) t where total > $1 order by id desc limit 1`,
      [maxBytes],
    );
    if (big.rows[0]) deleted += await deleteUpTo(pool, table, big.rows[0].id);
  }
  return deleted;
}
