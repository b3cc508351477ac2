// The local receiver: a node:http server that behaves like a correct Zoom webhook endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { REPLAY_OF_HEADER, type Capture, type CaptureOrigin, type CapturedResponse, type ForwardResult } from "../shared/capture.js";
import { systemClock, type Clock } from "../shared/clock.js";
import type { Delivery, Relayed, SpooledBody } from "../shared/relay.js";
import { zoomProvider } from "../providers/zoom/index.js";
import type { HeaderValues, Verdict, WebhookProvider } from "../providers/types.js";
import { decideResponse, jsonResponse, RECEIVED } from "./decide.js";
import { declaredLength, installClientErrorHandler, serverTimeouts, type TimeLimits } from "./limits.js";
import { readBody, type RawBody } from "./read-body.js";

export type { Delivery, Relayed } from "../shared/relay.js";

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export interface ReceiverOptions extends TimeLimits {
  host?: string;
  port?: number;
  path?: string;
  /** The provider whose deliveries this receiver takes (default Zoom). */
  provider?: WebhookProvider;
  /** The current secret, then the previous one during a rotation. */
  secrets?: readonly string[];
  /** Shorthand for secrets: [secret]. */
  secret?: string;
  /** Seconds of allowed timestamp age, for providers that sign one (default: the provider's). */
  toleranceSeconds?: number;
  maxBody?: number;
  clock?: Clock;
  newId?: () => string;
  /** Forward to the developer's app; return undefined to let zoomhook answer itself. */
  relay?: (delivery: Delivery) => Promise<Relayed> | undefined;
  /** Durably record the capture; the answer goes out only after this resolves. */
  persist?: (capture: Capture) => Promise<void>;
  /** Called after the answer was handed to the socket. */
  onCapture?: (capture: Capture) => void;
  /** A failure inside zoomhook while handling a request (the client still gets an answer). */
  onError?: (err: unknown) => void;
}

export interface Receiver {
  server: Server;
  port: number;
  host: string;
  path: string;
  url: string;
  /** Feed a delivery that did not arrive over HTTP (a WebSocket frame) through the same pipeline. */
  inject(delivery: Injected): Promise<Capture>;
  close(): Promise<void>;
}

interface ScannedHeaders {
  pairs: Array<[string, string]>;
  /** The first value of each header the provider reads. */
  values: Record<string, string | undefined>;
  replayOf?: string;
}

/**
 * One pass over rawHeaders: the pairs as received, plus the few values the provider reads.
 * (Touching req.headers would make Node build a second, lower-cased copy on every request.)
 */
function headerScanner(names: readonly string[]): (raw: string[]) => ScannedHeaders {
  const wanted = new Set([...names, REPLAY_OF_HEADER]);
  const lengths = new Set([...wanted].map((n) => n.length));
  return (raw) => {
    const out: ScannedHeaders = { pairs: [], values: {} };
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      const value = raw[i + 1]!;
      out.pairs.push([name, value]);
      if (lengths.has(name.length)) {
        const lower = name.toLowerCase();
        if (wanted.has(lower)) out.values[lower] ??= value;
      }
    }
    out.replayOf = out.values[REPLAY_OF_HEADER];
    return out;
  };
}

const RECEIVED_BYTES = Buffer.from(RECEIVED.body);
const RECEIVED_HEADERS = { ...RECEIVED.headers, "content-length": RECEIVED_BYTES.length };

export function createRequestHandler(options: ReceiverOptions) {
  const path = options.path ?? "/webhook";
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  const clock = options.clock ?? systemClock;
  const provider = options.provider ?? zoomProvider;
  const secrets = options.secrets ?? (options.secret ? [options.secret] : []);
  const tolerance = options.toleranceSeconds;
  const newId = options.newId ?? (() => randomUUID());
  const scanHeaders = headerScanner(provider.headerNames);

  /** Everything after the body is read: classify, verify, relay or decide, capture, persist. Never throws. */
  async function process(input: Incoming): Promise<{ capture: Capture; response: CapturedResponse; rawOut?: Buffer; spooled?: SpooledBody }> {
    const { raw, url, method, nowMs, started } = input;
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const scanned = scanHeaders(input.rawHeaders);
    const headers = scanned.pairs;
    const values: HeaderValues = scanned.values;
    const classified = provider.classify(raw.bytes, values);
    const verdict: Verdict =
      input.verdict ??
      (raw.truncated
        ? { verification: "unverified", diagnosis: { code: "body_too_large", message: "body over --max-body: only a prefix was kept, so it was not verified" } }
        : provider.verify({ secrets, headers: values, body: raw.bytes, toleranceSeconds: tolerance, nowMs }));
    let response: CapturedResponse;
    let forward: ForwardResult | undefined;
    let rawOut: Buffer | undefined;
    let spooled: SpooledBody | undefined;
    try {
      if (pathname !== path) {
        response = jsonResponse(404, { error: "not_found", message: `zoomhook receives webhooks at ${path}` });
      } else if (method !== "POST") {
        response = jsonResponse(405, { error: "method_not_allowed", message: `${provider.title} delivers webhooks with POST` });
        response.headers.allow = "POST";
      } else if (raw.truncated) {
        response = jsonResponse(413, { error: "too_large", message: `body of ${raw.size} bytes is over the ${maxBody}-byte limit` });
      } else {
        const relayed = input.relay === false ? undefined : options.relay?.({ method, path: url, headers, body: raw.bytes, classified, verdict });
        if (relayed) {
          ({ response, forward, raw: rawOut, spooled } = await relayed);
        } else if (input.origin && classified.kind === "event") {
          response = RECEIVED; // nobody waits for an answer to a frame: it was taken
        } else {
          response = decideResponse(provider, classified, verdict, secrets[0]);
        }
      }
    } catch (err) {
      options.onError?.(err);
      response = jsonResponse(500, { error: "internal", message: "zoomhook failed while handling this request" });
    }
    const replayOf = scanned.replayOf;
    const capture: Capture = {
      id: newId(),
      provider: provider.name,
      receivedAt: new Date(nowMs).toISOString(),
      method,
      path: url,
      headers,
      body: raw.bytes,
      bodySize: raw.size,
      truncated: raw.truncated,
      bodySha256: raw.sha256,
      kind: classified.kind,
      event: classified.event,
      verification: verdict.verification,
      diagnosis: verdict.diagnosis,
      response,
      forward,
      durationMs: 0,
      remoteAddress: input.remoteAddress,
    };
    if (replayOf) capture.replayOf = replayOf;
    if (classified.dedupeKey !== undefined) capture.dedupeKey = classified.dedupeKey;
    if (verdict.secretIndex !== undefined) capture.secretIndex = verdict.secretIndex;
    if (input.origin) capture.origin = input.origin;
    // Set before the write, so the store keeps what the terminal and --json show (the write itself is
    // one writev shared by the event-loop turn: a fraction of a millisecond).
    capture.durationMs = elapsed(started);
    if (options.persist) {
      try {
        await options.persist(capture);
      } catch (err) {
        // Never answer 2xx for something we failed to record: the sender will retry on 5xx.
        options.onError?.(err);
        rawOut = undefined;
        spooled?.dispose();
        spooled = undefined;
        capture.response = response = jsonResponse(503, { error: "capture_failed", message: "zoomhook could not record this request" });
      }
    }
    return { capture, response, rawOut, spooled };
  }

  const handle = async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const nowMs = clock.now();
    let raw: RawBody;
    // Refused from its Content-Length without reading a byte: the size is what was declared, no hash.
    const declared = declaredLength(req.rawHeaders);
    const unread = declared !== undefined && declared > maxBody;
    if (unread) {
      raw = { bytes: Buffer.alloc(0), size: declared, truncated: true };
    } else {
      try {
        raw = await readBody(req, maxBody);
      } catch {
        return; // the client went away mid-body, or ran out of time (answered 408): nothing to answer
      }
    }
    const { capture, response, rawOut, spooled } = await process({
      started,
      nowMs,
      raw,
      url: req.url ?? "/",
      method: req.method ?? "GET",
      rawHeaders: req.rawHeaders,
      remoteAddress: req.socket.remoteAddress,
    });
    if (response === RECEIVED) {
      res.writeHead(200, RECEIVED_HEADERS);
      res.end(RECEIVED_BYTES);
    } else if (spooled) {
      const body = spooled;
      res.writeHead(response.status, { ...response.headers, "content-length": body.size });
      // The client hanging up mid-answer is its business; the capture is already written.
      pipeline(body.open(), res).catch(() => undefined).finally(() => body.dispose());
    } else {
      const out = rawOut ?? Buffer.from(response.body, "utf8");
      // Closing stops Node from reading (and discarding) the rest of an upload refused unread.
      res.writeHead(response.status, { ...response.headers, "content-length": out.length, ...(unread ? { connection: "close" } : {}) });
      res.end(out);
    }
    options.onCapture?.(capture);
  };

  /** A delivery that did not come over HTTP (a WebSocket frame): the same pipeline, with nobody to answer. */
  const inject = async (delivery: Injected): Promise<Capture> => {
    const rawHeaders: string[] = [];
    for (const [k, v] of Object.entries(delivery.headers)) rawHeaders.push(k, v);
    const { capture, spooled } = await process({
      started: performance.now(),
      nowMs: clock.now(),
      raw: { bytes: delivery.body, size: delivery.body.length, truncated: false },
      url: path,
      method: "POST",
      rawHeaders,
      origin: delivery.origin,
      verdict: delivery.verdict,
      relay: delivery.relay,
    });
    spooled?.dispose(); // nobody to hand the app's answer to
    options.onCapture?.(capture);
    return capture;
  };

  return Object.assign(handle, { inject });
}

interface Incoming {
  started: number;
  nowMs: number;
  raw: RawBody;
  url: string;
  method: string;
  rawHeaders: string[];
  remoteAddress?: string;
  origin?: CaptureOrigin;
  /** A verdict decided elsewhere (a WebSocket frame carries no signature to check). */
  verdict?: Verdict;
  /** False: never hand it to the app (a frame that is not an event). */
  relay?: boolean;
}

export interface Injected {
  headers: Record<string, string>;
  body: Buffer;
  origin: CaptureOrigin;
  verdict?: Verdict;
  relay?: boolean;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Start the receiver; rejects with the listen error (EADDRINUSE…) so the caller can decide. */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const handle = createRequestHandler(options);
  const server = createServer(serverTimeouts(options), (req, res) => {
    handle(req, res).catch((err) => {
      options.onError?.(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  installClientErrorHandler(server);
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? "/webhook";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        server,
        port,
        host,
        path,
        url: `http://${urlHost}:${port}${path}`,
        inject: handle.inject,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
