// The schema, as numbered migrations applied in one transaction under an advisory lock; newer schemas are refused.
import type pg from "pg";
import { configError } from "../../shared/errors.js";

/** Quote a (validated) schema name as an identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

// Each entry is one version; never edit a released one, add the next. `S` is the quoted schema.
const MIGRATIONS: Array<(S: string) => string> = [
  (S) => `
    -- json (not jsonb) where zoomhook's own records live: it keeps text, key order and duplicates exactly.
    create table ${S}.captures (
      id text primary key,
      received_at timestamptz not null,
      provider text not null default 'zoom',
      method text not null,
      path text not null,
      headers json not null,
      body bytea not null,
      body_size integer not null,
      truncated boolean not null,
      body_sha256 text,
      body_json jsonb,
      kind text not null,
      event text,
      verification text not null,
      diagnosis json,
      response_status integer not null,
      response json not null,
      response_body bytea not null,
      forward json,
      forward_body bytea,
      duration_ms double precision not null,
      replay_of text,
      remote_address text,
      dedupe_key text,
      secret_index integer,
      origin json,
      listener_host text,
      listener_user text,
      listener_pid integer,
      listener_session text,
      stored_bytes integer not null
    ) with (autovacuum_vacuum_insert_scale_factor = 0.02);
    -- Vacuumed soon after inserts, so count(*) stays an index-only scan of the primary key.
    -- Newest first is the primary key (ids sort by time); a listener filter walks it too (no index to keep up).
    create index captures_event_idx on ${S}.captures (event text_pattern_ops, id);
    create index captures_verification_idx on ${S}.captures (verification, id);
    create index captures_dedupe_idx on ${S}.captures (dedupe_key);
    comment on table ${S}.captures is 'Every request a zoomhook listener received, exactly as received (body is the raw bytes).';

    create view ${S}.events as
    select distinct on (coalesce(c.dedupe_key, c.id))
      c.event,
      c.body_json #>> '{payload,account_id}' as account_id,
      c.body_json #>> '{payload,object,id}' as object_id,
      case when jsonb_typeof(c.body_json -> 'event_ts') = 'number'
        then to_timestamp((c.body_json ->> 'event_ts')::double precision / 1000)
        else c.received_at end as time,
      c.body_json -> 'payload' as payload,
      c.provider,
      c.verification,
      c.id as capture_id,
      c.received_at
    from ${S}.captures c
    where c.kind = 'event' and c.body_json is not null
    order by coalesce(c.dedupe_key, c.id), c.id;
    comment on view ${S}.events is 'One row per distinct webhook delivery (retries of the same delivery collapse to the first).';
  `,
  (S) => `
    -- Which listeners the captures came from (a skip scan of this index) and one listener's captures newest
    -- first, without walking everyone's: the inspector asks both on every load. One listener's inserts all
    -- land at the right-hand end of its own range.
    create index captures_listener_idx on ${S}.captures (listener_session, id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function newerSchema(schema: string, version: number) {
  return configError("store_schema_newer", `The captures in schema "${schema}" were written by a newer zoomhook (schema version ${version}; this one knows up to ${SCHEMA_VERSION}).`, {
    hint: "Upgrade zoomhook (npm install -g zoomhook@latest), or use another ?schema= for this version.",
  });
}

/** Bring `schema` up to SCHEMA_VERSION. Two processes starting at once serialise on the advisory lock. */
export async function migrate(pool: pg.Pool, schema: string, appVersion: string): Promise<{ from: number; to: number }> {
  const S = ident(schema);
  // Up to date (the usual case): no lock and no DDL, so a read-only database user can run log and show.
  const current = await pool.query<{ v: number }>(`select coalesce(max(version), 0)::int as v from ${S}.schema_migrations`).catch(() => undefined);
  if (current?.rows[0]?.v === SCHEMA_VERSION) return { from: SCHEMA_VERSION, to: SCHEMA_VERSION };
  if (current && current.rows[0]!.v > SCHEMA_VERSION) throw newerSchema(schema, current.rows[0]!.v);
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`zoomhook schema ${schema}`]);
    await client.query(`create schema if not exists ${S}`);
    await client.query(`create table if not exists ${S}.schema_migrations (
      version integer primary key, applied_at timestamptz not null default now(), zoomhook_version text)`);
    const { rows } = await client.query<{ v: number }>(`select coalesce(max(version), 0)::int as v from ${S}.schema_migrations`);
    const from = rows[0]!.v;
    if (from > SCHEMA_VERSION) throw newerSchema(schema, from);
    for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
      await client.query(MIGRATIONS[v - 1]!(S));
      await client.query(`insert into ${S}.schema_migrations (version, zoomhook_version) values ($1, $2)`, [v, appVersion]);
    }
    await client.query("commit");
    return { from, to: SCHEMA_VERSION };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
