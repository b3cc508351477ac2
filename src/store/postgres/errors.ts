// PostgreSQL failures in zoomhook's words: which ones mean "the store is down", and start-up errors with the likely fix.
import { configError, type ZoomhookError } from "../../shared/errors.js";

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Host and port as the URL names them (never the user or password). */
export function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || "5432"}`;
  } catch {
    return "the database server";
  }
}

function database(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || "(the user's default)";
  } catch {
    return "(unknown)";
  }
}

/**
 * True when the failure is about reaching the server rather than about the statement: socket errors
 * and SQLSTATE classes 08 (connection), 57P (shutdown, crash recovery) and 53 (out of resources).
 */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as PgLikeError;
  const code = e?.code ?? "";
  if (/^(08|57P|53)/.test(code)) return true;
  if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND…
  return /Connection terminated|connection timeout|Query read timeout|Client has encountered a connection error|Client was closed/i.test(e?.message ?? "");
}

/** Why the store could not be opened, with the next step: server down, wrong password, missing database… */
export function explainConnectError(error: unknown, url: string, display: string): ZoomhookError {
  const e = error as PgLikeError;
  const code = e?.code ?? "";
  const at = where(url);
  const detail = (e?.message ?? String(error)).split("\n")[0];
  const fail = (c: string, message: string, hint: string) => configError(c, message, { hint, cause: error, details: { store: display, sqlstate: code || undefined } });
  if (code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "EHOSTUNREACH" || /timeout/i.test(detail)) {
    return fail("store_unreachable", `No PostgreSQL server answers at ${at} (${code || detail}).`,
      "Start the server (or check the host and port in --store / $ZOOMHOOK_STORE).");
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return fail("store_unreachable", `The database host in ${display} cannot be resolved (${code}).`, "Check the host name in --store / $ZOOMHOOK_STORE.");
  }
  if (code === "28P01" || code === "28000") {
    return fail("store_auth_failed", `PostgreSQL at ${at} refused the login: ${detail}.`,
      "Check the user and password in the URL (or ~/.pgpass / $PGPASSWORD), and pg_hba.conf on the server.");
  }
  if (code === "3D000") {
    return fail("store_no_database", `PostgreSQL at ${at} has no database ${database(url)}.`, `Create it (createdb ${database(url)}) or name an existing one in the URL.`);
  }
  if (code === "42501") {
    return fail("store_no_privilege", `The database user may not create zoomhook's schema at ${at}: ${detail}.`,
      "Grant it CREATE on the database, or have an owner run zoomhook once to create the schema.");
  }
  if (code === "57P03") {
    return fail("store_starting", `PostgreSQL at ${at} is starting up or shutting down.`, "Try again in a few seconds.");
  }
  if (/SSL|certificate|self[- ]signed/i.test(detail)) {
    return fail("store_tls_failed", `TLS to PostgreSQL at ${at} failed: ${detail}.`, "Check sslmode= in the URL (require, verify-full) and the server's certificate.");
  }
  return fail("store_open_failed", `Could not open the capture store at ${at}: ${detail}.`, "Check the URL in --store / $ZOOMHOOK_STORE.");
}

/** What append() rejects with while the database is unreachable: the receiver answers 503 at once. */
export class StoreDownError extends Error {
  readonly code = "store_down";
  constructor(message: string) {
    super(message);
    this.name = "StoreDownError";
  }
}
