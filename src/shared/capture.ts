// A captured request: what `listen` received, what it decided, and what it answered.
import type { Diagnosis, Kind, Verification } from "./vocabulary.js";

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  /** Response body as sent (UTF-8 text; zoomhook and most apps answer JSON or text); a prefix when truncated. */
  body: string;
  /** Set when only a prefix of a relayed answer is kept: its full size and SHA-256 hex. */
  truncated?: boolean;
  bodySize?: number;
  bodySha256?: string;
}

export interface ForwardResult {
  url: string;
  /** The app's status; absent when it never answered. */
  status?: number;
  durationMs: number;
  /** Why the forward failed: "connection refused", "timed out after 10000 ms", … */
  error?: string;
  headers?: Record<string, string>;
  /** The app's response body (UTF-8; capped in the store). */
  body?: string;
}

export interface Capture {
  /** Time-sortable id (lexicographic order = arrival order). */
  id: string;
  /** Whose webhook this is ("zoom", "circleci"); absent in records written before providers existed: Zoom. */
  provider?: string;
  /** ISO-8601 time the request arrived. */
  receivedAt: string;
  method: string;
  /** Path + query as received. */
  path: string;
  /** Headers as received: name/value pairs, original case and order (Node's rawHeaders). */
  headers: Array<[string, string]>;
  /** The exact raw body bytes (a prefix when truncated). */
  body: Buffer;
  /** Size of the full body in bytes. */
  bodySize: number;
  /** True when the body was over --max-body and only a prefix is kept. */
  truncated: boolean;
  /** SHA-256 hex of the full body: set when truncated, unless the body was refused unread from its Content-Length. */
  bodySha256?: string;
  kind: Kind;
  event?: string;
  verification: Verification;
  diagnosis?: Diagnosis;
  response: CapturedResponse;
  forward?: ForwardResult;
  /** Time from arrival to the answer being handed to the socket. */
  durationMs: number;
  /** Id of the capture this request replays (set from x-zoomhook-replay-of). */
  replayOf?: string;
  remoteAddress?: string;
  /** The provider's delivery id (Zoom's x-zm-request-id, CircleCI's body id): the same across retries. */
  dedupeKey?: string;
  /** Which secret verified it (0 = current, 1 = previous), when a rotation configured two. */
  secretIndex?: number;
  /** Where it came from when not an HTTP delivery. */
  origin?: CaptureOrigin;
  /** The listener that took it, as a shared (PostgreSQL) store records it; the file store has one listener and leaves it out. */
  listener?: ListenerIdentity;
}

/** One `listen` run, as a shared store records it with each capture. */
export interface ListenerIdentity {
  host: string;
  user: string;
  pid: number;
  /** A random id per run: what tells two runs on one host apart. */
  session: string;
}

/** A listener that took captures the store still keeps, and its newest one. */
export interface ListenerSeen extends ListenerIdentity {
  lastId: string;
  lastAt: string;
}

/** A delivery that arrived another way than an HTTP POST from the provider. */
export interface CaptureOrigin {
  via: "websocket";
  /** The frame exactly as received. */
  frame: string;
  /** zoomhook signed the body itself (with your secret) so your app's verification runs as for a webhook. */
  resigned: boolean;
}

/** zoomhook's own marker on a replayed delivery: the listener records it as `replayOf` and never forwards it. */
export const REPLAY_OF_HEADER = "x-zoomhook-replay-of";

/** The short form used by lists (`log`, the inspector's list, NDJSON request lines). */
export interface CaptureSummary {
  id: string;
  provider?: string;
  receivedAt: string;
  method: string;
  path: string;
  kind: Kind;
  event?: string;
  verification: Verification;
  diagnosis?: Diagnosis;
  status: number;
  durationMs: number;
  bodySize: number;
  forward?: Pick<ForwardResult, "url" | "status" | "durationMs" | "error">;
  replayOf?: string;
  secretIndex?: number;
  /** "websocket" when the delivery came over a WebSocket subscription. */
  via?: "websocket";
  listener?: ListenerIdentity;
}

/** A forward result's short form (no undefined-valued keys), as every store lists it. */
export function summarizeForward(f: Pick<ForwardResult, "url" | "status" | "durationMs" | "error">): NonNullable<CaptureSummary["forward"]> {
  const out: NonNullable<CaptureSummary["forward"]> = { url: f.url, durationMs: f.durationMs };
  if (f.status !== undefined) out.status = f.status;
  if (f.error !== undefined) out.error = f.error;
  return out;
}

/** The summary, with no undefined-valued keys (so it equals its own JSON round trip, and no `delete` is ever needed). */
export function summarize(c: Capture): CaptureSummary {
  const s: CaptureSummary = {
    id: c.id,
    receivedAt: c.receivedAt,
    method: c.method,
    path: c.path,
    kind: c.kind,
    verification: c.verification,
    status: c.response.status,
    durationMs: c.durationMs,
    bodySize: c.bodySize,
  };
  if (c.event !== undefined) s.event = c.event;
  if (c.diagnosis !== undefined) s.diagnosis = c.diagnosis;
  if (c.forward) s.forward = summarizeForward(c.forward);
  if (c.replayOf) s.replayOf = c.replayOf;
  if (c.provider !== undefined) s.provider = c.provider;
  if (c.secretIndex !== undefined) s.secretIndex = c.secretIndex;
  if (c.origin) s.via = c.origin.via;
  if (c.listener) s.listener = c.listener;
  return s;
}

/**
 * Header names whose values are credentials: masked when shown, kept intact in the store and in
 * replays. Any name containing one of these words, prefixed or not (authorization, cookie,
 * x-api-key, api-key, clientSecret, x-zoom-webhook-password, zoom-verification-token…); Zoom's
 * signature and timestamp are not secrets and stay visible.
 */
export const SECRET_HEADER_RE = /auth|cookie|secret|token|key|passw|pwd|credential|session/i;

export function maskValue(value: string): string {
  const space = value.indexOf(" ");
  const scheme = space > 0 && space < 12 ? value.slice(0, space + 1) : "";
  const rest = value.slice(scheme.length);
  // At most a quarter of the value shows, so a short password is not mostly given away.
  const shown = Math.min(4, Math.floor(rest.length / 4));
  return `${scheme}${rest.slice(0, shown)}${"•".repeat(Math.min(8, Math.max(4, rest.length - shown)))}`;
}

export function maskHeaders(headers: Array<[string, string]>): Array<[string, string]> {
  return headers.map(([k, v]) => (SECRET_HEADER_RE.test(k) ? [k, maskValue(v)] : [k, v]));
}

export interface CaptureQuery {
  /** At most this many, newest first. */
  limit?: number;
  /** Only captures older than this id (cursor for paging). */
  before?: string;
  /** Exact event name, or a prefix pattern ending in `*` (`meeting.*`). */
  event?: string;
  verification?: Verification;
  kind?: Kind;
}

/** A query a shared (PostgreSQL) store also understands: whose captures. */
export interface SharedStoreQuery extends CaptureQuery {
  /** Only captures taken by this listener session id, or by listeners on this host. */
  listener?: string;
}

/** Records a store could not read and skipped: how many, and where (file and byte offset). */
export interface StoreDamage {
  records: number;
  bytes: number;
  spots: Array<{ segment: string; offset: number; bytes: number; records: number }>;
}

/** Read access to captures: what `log`, `show`, `export`, `replay` and the inspector need. */
export interface CaptureReader {
  list(query?: CaptureQuery): Promise<CaptureSummary[]>;
  /** A capture by id, or "last" for the newest. */
  get(id: string): Promise<Capture | undefined>;
  count(): Promise<number>;
  /** Unreadable records skipped so far (stores that cannot be damaged leave it out). */
  damage?(): Promise<StoreDamage>;
  /** Summaries of these captures in one query, newest first; ids gone meanwhile are skipped (stores without it are read one get() at a time). */
  summaries?(ids: readonly string[]): Promise<CaptureSummary[]>;
  /** A shared store's listeners among the captures it keeps, newest capture first (a file store has one and leaves it out). */
  listeners?(limit?: number): Promise<ListenerSeen[]>;
}

/** The listener's handle: durable appends (resolve once the write system call completed). */
export interface CaptureStore extends CaptureReader {
  append(capture: Capture): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}
