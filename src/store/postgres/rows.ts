// Capture ⇄ row: the insert's columns and parameters, and rows back into captures and summaries.
import { isUtf8 } from "node:buffer";
import type { Capture, CaptureSummary, ForwardResult } from "../../shared/capture.js";
import type { Diagnosis, Kind, Verification } from "../../shared/vocabulary.js";

import type { ListenerIdentity } from "../open.js";

/**
 * The columns a batch carries, as `name type` for json_to_recordset: a whole batch travels as one
 * JSON parameter (bytes as base64), which costs the client far less than thousands of bound values.
 */
const RECORD_COLUMNS = [
  "id text", "received_at timestamptz", "provider text", "method text", "path text", "headers json", "body text",
  "body_size integer", "truncated boolean", "body_sha256 text", "body_json jsonb", "kind text", "event text",
  "verification text", "diagnosis json", "response_status integer", "response json", "response_body text",
  "forward json", "forward_body text", "duration_ms double precision", "replay_of text", "remote_address text",
  "dedupe_key text", "listener_host text", "listener_user text", "listener_pid integer", "listener_session text",
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

/**
 * One capture as JSON text for the batch parameter (see insertSelect). The JSON body is spliced in
 * as a nested value, unescaped, so neither side parses or escapes it twice; `withBody: false`
 * leaves it out (the retry for a body jsonb refuses after all).
 */
export function captureRecord(c: Capture, who: ListenerIdentity | undefined, withBody = true): string {
  // Captures gain a provider field; records from before it are Zoom's.
  const provider = (c as { provider?: string }).provider ?? "zoom";
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
    remote_address: c.remoteAddress, dedupe_key: dedupeKey(c, provider, parsed) ?? undefined,
    listener_host: who?.host, listener_user: who?.user, listener_pid: who?.pid, listener_session: who?.session, stored_bytes: stored,
  });
  return parsed === null ? json : `${json.slice(0, -1)},"body_json":${parsed}}`;
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
