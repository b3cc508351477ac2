// Options for the capture store, their defaults, and where the store lives (--store > $ZOOMHOOK_STORE > ./.zoomhook).
import path from "node:path";
import { usageError } from "../shared/errors.js";

/** The store never prints: odd things it survives (a torn last record…) are reported here. */
export type WarningHandler = (code: string, message: string) => void;

export interface StoreOptions {
  /** The store directory, e.g. "./.zoomhook"; created 0700 by the writer. */
  dir: string;
  /** Retention: keep the newest this many captures (default 10 000). */
  maxCaptures?: number;
  /** Retention: keep at most about this many bytes on disk (default 200 MB). */
  maxBytes?: number;
  /** How often written records are fdatasync'ed (default 1000 ms); power loss may lose this window. */
  flushIntervalMs?: number;
  onWarning?: WarningHandler;
}

export interface StoreReaderOptions {
  dir: string;
  onWarning?: WarningHandler;
}

export const DEFAULT_STORE_DIR = ".zoomhook";
export const DEFAULT_MAX_CAPTURES = 10_000;
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_FLUSH_INTERVAL_MS = 1000;

export interface ResolvedStoreOptions {
  dir: string;
  maxCaptures: number;
  maxBytes: number;
  flushIntervalMs: number;
  onWarning: WarningHandler;
  /** A segment is closed and a new one started past this size… */
  segmentMaxBytes: number;
  /** …or this many records, so retention can drop whole old segments instead of rewriting. */
  segmentMaxRecords: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw usageError("invalid_store_option", `${name} must be a positive number, got ${String(value)}.`);
  }
  return Math.floor(value);
}

export function resolveStoreOptions(options: StoreOptions): ResolvedStoreOptions {
  const maxCaptures = positive("maxCaptures", options.maxCaptures, DEFAULT_MAX_CAPTURES);
  const maxBytes = positive("maxBytes", options.maxBytes, DEFAULT_MAX_BYTES);
  return {
    dir: path.resolve(options.dir),
    maxCaptures,
    maxBytes,
    flushIntervalMs: positive("flushIntervalMs", options.flushIntervalMs, DEFAULT_FLUSH_INTERVAL_MS),
    onWarning: options.onWarning ?? (() => {}),
    // Sixteen segments' worth of bytes and eight of records: retention overshoots by at most one segment.
    segmentMaxBytes: Math.min(16 * 1024 * 1024, Math.max(4096, Math.floor(maxBytes / 16))),
    segmentMaxRecords: Math.min(2000, Math.max(1, Math.ceil(maxCaptures / 8))),
  };
}

/** The store directory: the --store flag, else $ZOOMHOOK_STORE, else ./.zoomhook (absolute). */
export function resolveStoreDir(flag?: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const chosen = flag?.trim() || env.ZOOMHOOK_STORE?.trim() || DEFAULT_STORE_DIR;
  return path.resolve(cwd, chosen);
}
