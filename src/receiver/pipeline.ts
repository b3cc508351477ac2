// The receiver's pipeline, after the body is read: classify, verify, relay or decide the answer, capture,
// persist. The HTTP handler and injected deliveries (WebSocket frames) both go through it.
import { randomUUID } from "node:crypto";
import { REPLAY_OF_HEADER, type Capture, type CaptureOrigin, type CapturedResponse, type ForwardResult } from "../shared/capture.js";
import type { SpooledBody } from "../shared/relay.js";
import { zoomProvider } from "../providers/zoom/index.js";
import type { HeaderValues, Verdict } from "../providers/types.js";
import { decideResponse, jsonResponse, RECEIVED } from "./decide.js";
import type { RawBody } from "./read-body.js";
import type { ReceiverOptions } from "./server.js";

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

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

export interface Processed {
  capture: Capture;
  response: CapturedResponse;
  rawOut?: Buffer;
  spooled?: SpooledBody;
}

export function createPipeline(options: ReceiverOptions): (input: Incoming) => Promise<Processed> {
  const path = options.path ?? "/webhook";
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  const provider = options.provider ?? zoomProvider;
  const secrets = options.secrets ?? (options.secret ? [options.secret] : []);
  const tolerance = options.toleranceSeconds;
  const newId = options.newId ?? (() => randomUUID());
  const scanHeaders = headerScanner(provider.headerNames);

  /** Everything after the body is read: classify, verify, relay or decide, capture, persist. Never throws. */
  async function process(input: Incoming): Promise<Processed> {
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

  return process;
}

export interface Incoming {
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

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
