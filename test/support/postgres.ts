// A fresh database per test file on one PostgreSQL server: $ZOOMHOOK_TEST_DATABASE_URL's, else a throwaway one.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startPgServer, type PgServer } from "./postgres-server.js";

let serverPromise: Promise<PgServer> | undefined;

/** The admin URL of the server tests use; starts one for this process when none was given. */
async function adminUrl(): Promise<string> {
  const given = process.env.ZOOMHOOK_TEST_DATABASE_URL;
  if (given) return given;
  serverPromise ??= startPgServer();
  return (await serverPromise).url;
}

export interface TestDatabase {
  /** postgres:// URL of a database that exists only for this test file. */
  url: string;
  /** The URL with a schema parameter, as users write --store. */
  storeUrl(schema?: string): string;
  /** Run SQL against it (for assertions on rows and on the schema). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `zoomhook_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => {});
  return {
    url,
    storeUrl(schema) {
      const s = new URL(url);
      if (schema) s.searchParams.set("schema", schema);
      return s.toString();
    },
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
