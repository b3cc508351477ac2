// Outbound HTTP (send, crc, forward, replay) over undici: raw bytes out, raw bytes back, errors classified.
import { Agent, request, type Dispatcher } from "undici";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

export type FailureKind = "refused" | "timeout" | "unreachable" | "reset" | "tls" | "other";

/** No answer at all from the target: a value, so callers can count failures under load. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly durationMs: number,
  ) {
    super(message);
    this.name = "HttpFailure";
  }
}

export interface PostOptions {
  body: Uint8Array | string;
  headers: Record<string, string>;
  timeoutMs?: number;
  method?: string;
  dispatcher?: Dispatcher;
}

let shared: Agent | undefined;

/** A keep-alive agent sized for `concurrency` parallel requests. */
export function createAgent(concurrency = 16): Agent {
  return new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 4000 });
}

export function defaultAgent(): Agent {
  shared ??= createAgent(64);
  return shared;
}

export async function postRaw(url: string, options: PostOptions): Promise<HttpAnswer> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const res = await request(url, {
      method: (options.method ?? "POST") as Dispatcher.HttpMethod,
      headers: options.headers,
      body: options.body,
      dispatcher: options.dispatcher ?? defaultAgent(),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    return { status: res.statusCode, headers, body, durationMs: performance.now() - started };
  } catch (err) {
    throw classifyFailure(err, performance.now() - started, timeoutMs);
  }
}

export function classifyFailure(err: unknown, durationMs: number, timeoutMs: number): HttpFailure {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return new HttpFailure("refused", "connection refused", durationMs);
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return new HttpFailure("timeout", `no answer within ${timeoutMs} ms`, durationMs);
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new HttpFailure("unreachable", `host unreachable (${code})`, durationMs);
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "EPIPE":
      return new HttpFailure("reset", "connection closed before an answer", durationMs);
    default:
      if (/certificate|SSL|TLS/i.test(`${code} ${e.message ?? ""}`)) {
        return new HttpFailure("tls", `TLS failure: ${e.message ?? code} (a local CA? set NODE_EXTRA_CA_CERTS)`, durationMs);
      }
      return new HttpFailure("other", e.cause?.message ?? e.message ?? String(err), durationMs);
  }
}
