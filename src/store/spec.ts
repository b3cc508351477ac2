// Which capture store a command means: a directory (the file store) or a postgres:// URL; and how to name it safely.
import path from "node:path";
import { usageError } from "../shared/errors.js";
import { DEFAULT_STORE_DIR } from "./options.js";

export type StoreSpec =
  | { kind: "file"; dir: string; display: string }
  | { kind: "postgres"; url: string; schema: string; display: string };

const PG_SCHEME = /^postgres(ql)?:\/\//i;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

export function isPostgresSpec(spec: string): boolean {
  return PG_SCHEME.test(spec.trim());
}

/** The URL with its password replaced, for banners, the registry and error messages. */
export function maskStoreUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    // Not parseable: keep only the scheme and host-ish part, never what could be a password.
    return url.replace(/\/\/[^@/]*@/, "//****@");
  }
}

/**
 * Parse a store spec. `?schema=` chooses the PostgreSQL schema (default "zoomhook") and is removed
 * from the URL handed to the driver; every other parameter (sslmode…) is the driver's.
 */
export function parseStoreSpec(spec: string, cwd: string = process.cwd()): StoreSpec {
  const text = spec.trim();
  if (!isPostgresSpec(text)) {
    const dir = path.resolve(cwd, text || DEFAULT_STORE_DIR);
    return { kind: "file", dir, display: dir };
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw usageError("bad_store_url", `The store URL ${maskStoreUrl(text)} is not a valid URL.`, {
      hint: "Write it as postgres://user[:password]@host:5432/database[?schema=zoomhook&sslmode=require].",
    });
  }
  const schema = u.searchParams.get("schema") ?? "zoomhook";
  if (!SCHEMA_NAME.test(schema)) {
    throw usageError("bad_store_schema", `schema=${schema} is not a plain PostgreSQL name.`, {
      hint: "Use lower-case letters, digits and underscores, starting with a letter (default: zoomhook).",
    });
  }
  u.searchParams.delete("schema");
  const url = u.toString();
  return { kind: "postgres", url, schema, display: maskStoreUrl(text) };
}

/** The store a command uses: --store, else $ZOOMHOOK_STORE, else the config file's, else ./.zoomhook. */
export function resolveStoreSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, configValue?: string): string {
  return flag?.trim() || env.ZOOMHOOK_STORE?.trim() || configValue?.trim() || DEFAULT_STORE_DIR;
}
