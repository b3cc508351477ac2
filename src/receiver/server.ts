// The local receiver: a node:http server that behaves like a correct Zoom webhook endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { REPLAY_OF_HEADER, type Capture, type CapturedResponse, type ForwardResult } from "../shared/capture.js";
import { systemClock, type Clock } from "../shared/clock.js";
import { classifyBody, type Classified } from "../providers/zoom/classify.js";
import { DEFAULT_TOLERANCE_SECONDS, verifySignature, type VerifyResult } from "../providers/zoom/signature.js";
import { decideResponse, jsonResponse, RECEIVED } from "./decide.js";
import { readBody } from "./read-body.js";

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** What a relay (forwarding to the developer's app) sees of a request. */
export interface Delivery {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  classified: Classified;
  verdict: VerifyResult;
}

export interface Relayed {
  response: CapturedResponse;
  forward: ForwardResult;
  /** The app's exact response bytes, when they should go back untouched. */
  raw?: Buffer;
}

export interface ReceiverOptions {
  host?: string;
  port?: number;
  path?: string;
  secret?: string;
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
  close(): Promise<void>;
}

interface ScannedHeaders {
  pairs: Array<[string, string]>;
  timestamp?: string;
  signature?: string;
  replayOf?: string;
}

/**
 * One pass over rawHeaders: the pairs as received, plus the few values zoomhook reads.
 * (Touching req.headers would make Node build a second, lower-cased copy on every request.)
 */
function scanHeaders(raw: string[]): ScannedHeaders {
  const out: ScannedHeaders = { pairs: [] };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    out.pairs.push([name, value]);
    if (name.length > 12 && (name.charCodeAt(0) | 0x20) === 0x78) {
      const lower = name.toLowerCase();
      if (lower === "x-zm-request-timestamp") out.timestamp ??= value;
      else if (lower === "x-zm-signature") out.signature ??= value;
      else if (lower === REPLAY_OF_HEADER) out.replayOf ??= value;
    }
  }
  return out;
}

const RECEIVED_BYTES = Buffer.from(RECEIVED.body);
const RECEIVED_HEADERS = { ...RECEIVED.headers, "content-length": RECEIVED_BYTES.length };

export function createRequestHandler(options: ReceiverOptions) {
  const path = options.path ?? "/webhook";
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  const clock = options.clock ?? systemClock;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const newId = options.newId ?? (() => randomUUID());

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const nowMs = clock.now();
    let raw;
    try {
      raw = await readBody(req, maxBody);
    } catch {
      return; // the client went away mid-body: nothing to answer
    }
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const scanned = scanHeaders(req.rawHeaders);
    const headers = scanned.pairs;
    const classified = classifyBody(raw.bytes);
    const verdict = raw.truncated
      ? { verification: "unverified" as const, diagnosis: { code: "body_too_large" as const, message: "body over --max-body: only a prefix was kept, so it was not verified" } }
      : verifySignature({
          secret: options.secret,
          timestamp: scanned.timestamp,
          signature: scanned.signature,
          body: raw.bytes,
          toleranceSeconds: tolerance,
          nowMs,
        });
    let response: CapturedResponse;
    let forward: ForwardResult | undefined;
    let rawOut: Buffer | undefined;
    try {
      if (pathname !== path) {
        response = jsonResponse(404, { error: "not_found", message: `zoomhook receives webhooks at ${path}` });
      } else if (req.method !== "POST") {
        response = jsonResponse(405, { error: "method_not_allowed", message: "Zoom delivers webhooks with POST" });
        response.headers.allow = "POST";
      } else if (raw.truncated) {
        response = jsonResponse(413, { error: "too_large", message: `body of ${raw.size} bytes is over the ${maxBody}-byte limit` });
      } else {
        const relayed = options.relay?.({ method: req.method, path: url, headers, body: raw.bytes, classified, verdict });
        if (relayed) {
          ({ response, forward, raw: rawOut } = await relayed);
        } else {
          response = decideResponse(classified, verdict, options.secret);
        }
      }
    } catch (err) {
      options.onError?.(err);
      response = jsonResponse(500, { error: "internal", message: "zoomhook failed while handling this request" });
    }
    const replayOf = scanned.replayOf;
    const capture: Capture = {
      id: newId(),
      receivedAt: new Date(nowMs).toISOString(),
      method: req.method ?? "GET",
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
      remoteAddress: req.socket.remoteAddress,
    };
    if (replayOf) capture.replayOf = replayOf;
    if (options.persist) {
      try {
        await options.persist(capture);
      } catch (err) {
        // Never answer 2xx for something we failed to record: the sender will retry on 5xx.
        options.onError?.(err);
        rawOut = undefined;
        capture.response = response = jsonResponse(503, { error: "capture_failed", message: "zoomhook could not record this request" });
      }
    }
    capture.durationMs = Math.round((performance.now() - started) * 100) / 100;
    if (response === RECEIVED) {
      res.writeHead(200, RECEIVED_HEADERS);
      res.end(RECEIVED_BYTES);
    } else {
      const out = rawOut ?? Buffer.from(response.body, "utf8");
      res.writeHead(response.status, { ...response.headers, "content-length": out.length });
      res.end(out);
    }
    options.onCapture?.(capture);
  };
}

/** Start the receiver; rejects with the listen error (EADDRINUSE…) so the caller can decide. */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const handle = createRequestHandler(options);
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      options.onError?.(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
