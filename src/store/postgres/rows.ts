// Capture ⇄ row: the insert's columns and parameters, and rows back into captures and summaries.
import type { Capture, CaptureSummary, ForwardResult } from "../../shared/capture.js";
import type { Diagnosis, Kind, Verification } from "../../shared/vocabulary.js";

import type { ListenerIdentity } from "../open.js";

export const INSERT_COLUMNS = [
  "id", "received_at", "provider", "method", "path", "headers", "body", "body_size", "truncated", "body_sha256",
  "body_json", "kind", "event", "verification", "diagnosis", "response_status", "response", "response_body",
  "forward", "forward_body", "duration_ms", "replay_of", "remote_address", "dedupe_key",
  "listener_host", "listener_user", "listener_pid", "listener_session", "stored_bytes",
] as const;

const JSON_COLUMNS = new Set(["headers", "diagnosis", "response", "forward"]);
/** Per-column placeholder casts, so text parameters become json/jsonb on the server. */
export const CASTS = INSERT_COLUMNS.map((c) =>
  c === "body_json" ? "::jsonb" : JSON_COLUMNS.has(c) ? "::json" : c === "received_at" ? "::timestamptz" : "");

// PostgreSQL text cannot hold U+0000; our own strings never contain it, a sender's event name might.
const NUL = /\u0000/g;
const clean = (s: string | undefined) => (s === undefined ? null : s.replace(NUL, "\uFFFD"));
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * The body as jsonb when it is JSON PostgreSQL accepts as is. Escaped NULs and surrogates are
 * refused by jsonb, so such bodies keep only their raw bytes (which are always stored).
 */
export function bodyJson(c: Capture): string | null {
  if (c.truncated || c.body.length === 0) return null;
  const text = c.body.toString("utf8");
  if (/\\u0000|\\u[dD][89a-fA-F]/.test(text) || !Buffer.from(text, "utf8").equals(c.body)) return null;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return null;
  }
}

/** Zoom's x-zm-request-id (the same on every retry of one delivery); CircleCI's body `id`. */
export function dedupeKey(c: Capture, provider: string, parsed: string | null): string | null {
  if (provider === "circleci") {
    try {
      const id = parsed && (JSON.parse(parsed) as { id?: unknown }).id;
      return typeof id === "string" ? id : null;
    } catch {
      return null;
    }
  }
  for (const [k, v] of c.headers) if (k.length === 15 && k.toLowerCase() === "x-zm-request-id") return clean(v);
  return null;
}

export function captureParams(c: Capture, who: ListenerIdentity | undefined): unknown[] {
  // Captures gain a provider field; records from before it are Zoom's.
  const provider = (c as { provider?: string }).provider ?? "zoom";
  const parsed = bodyJson(c);
  const { body: responseBody, ...response } = c.response;
  let forward: Omit<ForwardResult, "body"> | undefined;
  let forwardBody: Buffer | null = null;
  if (c.forward) {
    const { body, ...rest } = c.forward;
    forward = rest;
    if (body !== undefined) forwardBody = Buffer.from(body, "utf8");
  }
  const headers = json(c.headers)!;
  const respBytes = Buffer.from(responseBody, "utf8");
  const stored = c.body.length + headers.length + respBytes.length + (forwardBody?.length ?? 0) + (parsed?.length ?? 0) + 256;
  return [
    c.id, c.receivedAt, provider, c.method, c.path, headers, c.body, c.bodySize, c.truncated, c.bodySha256 ?? null,
    parsed, c.kind, clean(c.event), c.verification, json(c.diagnosis), c.response.status, json(response), respBytes,
    json(forward), forwardBody, c.durationMs, clean(c.replayOf), c.remoteAddress ?? null, dedupeKey(c, provider, parsed),
    who?.host ?? null, who?.user ?? null, who?.pid ?? null, who?.session ?? null, stored,
  ];
}

export const SUMMARY_COLUMNS = "id, received_at, method, path, kind, event, verification, diagnosis, response_status, duration_ms, body_size, forward, replay_of";

export interface SummaryRow {
  id: string;
  received_at: Date;
  method: string;
  path: string;
  kind: Kind;
  event: string | null;
  verification: Verification;
  diagnosis: Diagnosis | null;
  response_status: number;
  duration_ms: number;
  body_size: number;
  forward: Omit<ForwardResult, "body" | "headers"> & { headers?: Record<string, string> } | null;
  replay_of: string | null;
}

export interface CaptureRow extends SummaryRow {
  headers: Array<[string, string]>;
  body: Buffer;
  truncated: boolean;
  body_sha256: string | null;
  response: { status: number; headers: Record<string, string> };
  response_body: Buffer;
  forward_body: Buffer | null;
  remote_address: string | null;
}

export function rowToSummary(r: SummaryRow): CaptureSummary {
  const s: CaptureSummary = {
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    method: r.method,
    path: r.path,
    kind: r.kind,
    verification: r.verification,
    status: r.response_status,
    durationMs: r.duration_ms,
    bodySize: r.body_size,
  };
  if (r.event !== null) s.event = r.event;
  if (r.diagnosis !== null) s.diagnosis = r.diagnosis;
  if (r.forward) {
    const f: NonNullable<CaptureSummary["forward"]> = { url: r.forward.url, durationMs: r.forward.durationMs };
    if (r.forward.status !== undefined) f.status = r.forward.status;
    if (r.forward.error !== undefined) f.error = r.forward.error;
    s.forward = f;
  }
  if (r.replay_of !== null) s.replayOf = r.replay_of;
  return s;
}

export function rowToCapture(r: CaptureRow): Capture {
  const c: Capture = {
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    method: r.method,
    path: r.path,
    headers: r.headers,
    body: r.body,
    bodySize: r.body_size,
    truncated: r.truncated,
    kind: r.kind,
    verification: r.verification,
    response: { ...r.response, body: r.response_body.toString("utf8") },
    durationMs: r.duration_ms,
  };
  if (r.body_sha256 !== null) c.bodySha256 = r.body_sha256;
  if (r.event !== null) c.event = r.event;
  if (r.diagnosis !== null) c.diagnosis = r.diagnosis;
  if (r.forward) c.forward = r.forward_body === null ? r.forward : { ...r.forward, body: r.forward_body.toString("utf8") };
  if (r.replay_of !== null) c.replayOf = r.replay_of;
  if (r.remote_address !== null) c.remoteAddress = r.remote_address;
  return c;
}
