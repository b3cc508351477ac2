// Capture ⇄ row: the insert's columns and parameters, and rows back into captures and summaries.
import { isUtf8 } from "node:buffer";
import { summarizeForward, type Capture, type CaptureSummary, type ForwardResult, type ListenerIdentity } from "../../shared/capture.js";
import type { Diagnosis, Kind, Verification } from "../../shared/vocabulary.js";
import { REQUEST_ID_HEADER } from "../../providers/zoom/index.js";

/**
 * The columns a batch carries, as `name type` for json_to_recordset: a whole batch travels as one
 * JSON parameter (bytes as base64), which costs the client far less than thousands of bound values.
 */
const RECORD_COLUMNS = [
  "id text", "received_at timestamptz", "provider text", "method text", "path text", "headers json", "body text",
  "body_size integer", "truncated boolean", "body_sha256 text", "body_json jsonb", "kind text", "event text",
  "verification text", "diagnosis json", "response_status integer", "response json", "response_body text",
  "forward json", "forward_body text", "duration_ms double precision", "replay_of text", "remote_address text",
  "dedupe_key text", "secret_index integer", "origin json", "listener_host text", "listener_user text", "listener_pid integer", "listener_session text",
  "stored_bytes integer",
];
const DECODED: Record<string, string> = {
  body: "decode(r.body, 'base64')",
  response_body: "decode(r.response_body, 'base64')",
  forward_body: "decode(r.forward_body, 'base64')",
};
const names = RECORD_COLUMNS.map((c) => c.split(" ")[0]!);

/** INSERT … SELECT from the batch parameter ($1). */
export function insertSelect(table: string): string {
  const targets = names;
  const values = names.map((n) => DECODED[n] ?? `r.${n}`);
  return `insert into ${table} (${targets.join(",")}) select ${values.join(",")} from json_to_recordset($1::json) as r(${RECORD_COLUMNS.join(",")})`;
}

// PostgreSQL text cannot hold U+0000; our own strings never contain it, a sender's event name might.
const NUL = /\u0000/g;
const clean = (s: string | undefined) => (s === undefined ? null : s.replace(NUL, "\uFFFD"));

/**
 * The body's text when it can go into jsonb as it is: UTF-8 JSON without the escaped NULs and
 * surrogates jsonb refuses. Such bodies keep only their raw bytes (which are always stored).
 * A body the receiver classified as an event or a CRC was parsed as JSON already: not parsed again.
 */
export function bodyJson(c: Capture): string | null {
  if (c.truncated || c.body.length === 0 || !isUtf8(c.body)) return null;
  const text = c.body.toString("utf8");
  if (/\\u0000|\\u[dD][89a-fA-F]/.test(text)) return null;
  if (c.kind !== "malformed") return text;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return null;
  }
}

/**
 * The provider's delivery id, the same on every retry (Zoom's request id header, CircleCI's body id).
 * Captures from before providers set it are Zoom's: their header still has it.
 */
export function dedupeKey(c: Capture): string | null {
  if (c.dedupeKey !== undefined) return clean(c.dedupeKey);
  for (const [k, v] of c.headers) if (k.toLowerCase() === REQUEST_ID_HEADER) return clean(v);
  return null;
}

/**
 * One capture as JSON text for the batch parameter (see insertSelect). The JSON body is spliced in
 * as a nested value, unescaped, so neither side parses or escapes it twice; `withBody: false`
 * leaves it out (the retry for a body jsonb refuses after all).
 */
export function captureRecord(c: Capture, listener: ListenerIdentity | undefined, withBody = true): string {
  // A copied capture keeps the listener that took it.
  const who = c.listener ?? listener;
  // A record written before providers existed is Zoom's.
  const provider = c.provider ?? "zoom";
  const parsed = withBody ? bodyJson(c) : null;
  const { body: responseBody, ...response } = c.response;
  let forward: Omit<ForwardResult, "body"> | undefined;
  let forwardBody: string | undefined;
  if (c.forward) {
    const { body, ...rest } = c.forward;
    forward = rest;
    if (body !== undefined) forwardBody = Buffer.from(body, "utf8").toString("base64");
  }
  const respBytes = Buffer.from(responseBody, "utf8");
  const stored = c.body.length * 2 + respBytes.length + (forwardBody?.length ?? 0) + 512;
  const json = JSON.stringify({
    id: c.id, received_at: c.receivedAt, provider, method: c.method, path: c.path, headers: c.headers,
    body: c.body.toString("base64"), body_size: c.bodySize, truncated: c.truncated, body_sha256: c.bodySha256,
    kind: c.kind, event: clean(c.event) ?? undefined, verification: c.verification,
    diagnosis: c.diagnosis, response_status: c.response.status, response, response_body: respBytes.toString("base64"),
    forward, forward_body: forwardBody, duration_ms: c.durationMs, replay_of: clean(c.replayOf) ?? undefined,
    remote_address: c.remoteAddress, dedupe_key: dedupeKey(c) ?? undefined, secret_index: c.secretIndex, origin: c.origin,
    listener_host: who?.host, listener_user: who?.user, listener_pid: who?.pid, listener_session: who?.session, stored_bytes: stored,
  });
  return parsed === null ? json : `${json.slice(0, -1)},"body_json":${parsed}}`;
}

export const SUMMARY_COLUMNS = "id, provider, received_at, method, path, kind, event, verification, diagnosis, response_status, duration_ms, body_size, forward, replay_of, secret_index, origin->>'via' as via, listener_host, listener_user, listener_pid, listener_session";

export interface SummaryRow {
  id: string;
  provider: string;
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
  secret_index: number | null;
  via: "websocket" | null;
  listener_host: string | null;
  listener_user: string | null;
  listener_pid: number | null;
  listener_session: string | null;
}

/** Captures are written with all four listener columns or none. */
export function listenerOf(r: Pick<SummaryRow, "listener_host" | "listener_user" | "listener_pid" | "listener_session">): ListenerIdentity | undefined {
  if (r.listener_session === null) return undefined;
  return { host: r.listener_host ?? "", user: r.listener_user ?? "", pid: r.listener_pid ?? 0, session: r.listener_session };
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
  dedupe_key: string | null;
  origin: Capture["origin"] | null;
}

export function rowToSummary(r: SummaryRow): CaptureSummary {
  const s: CaptureSummary = {
    id: r.id,
    provider: r.provider,
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
  if (r.forward) s.forward = summarizeForward(r.forward);
  if (r.replay_of !== null) s.replayOf = r.replay_of;
  if (r.secret_index !== null) s.secretIndex = r.secret_index;
  if (r.via !== null) s.via = r.via;
  const listener = listenerOf(r);
  if (listener) s.listener = listener;
  return s;
}

export function rowToCapture(r: CaptureRow): Capture {
  // The provider is always filled in: a record without one is Zoom's.
  const c: Capture = {
    id: r.id,
    provider: r.provider,
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
  if (r.dedupe_key !== null) c.dedupeKey = r.dedupe_key;
  if (r.secret_index !== null) c.secretIndex = r.secret_index;
  if (r.origin !== null) c.origin = r.origin;
  const listener = listenerOf(r);
  if (listener) c.listener = listener;
  return c;
}
