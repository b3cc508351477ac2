// Outbound HTTP (send, crc, forward, replay) over undici: raw bytes out, raw bytes back, errors classified.
import { Agent, type Dispatcher } from "undici";

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
  /** The whole exchange (connect, headers and every byte of the body) must finish within this. */
  timeoutMs?: number;
  method?: string;
  dispatcher?: Dispatcher;
  /** Receives the response body as it arrives instead of it being buffered (the answer's body is then empty). */
  sink?: (chunk: Buffer) => void;
}

let shared: Agent | undefined;

/** A keep-alive connection pool callers can hold across many requests (the scenario runner's steps share one). */
export type HttpAgent = Agent;

/** A keep-alive agent sized for `concurrency` parallel requests. */
export function createAgent(concurrency = 16): Agent {
  return new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 4000 });
}

export function defaultAgent(): Agent {
  shared ??= createAgent(64);
  return shared;
}

/**
 * One request through undici's dispatcher API: no response stream objects, which matters for `send
 * --count` and the forwarder (measured ~20–40% more requests per second than request() in a cold process).
 */
export function postRaw(url: string, options: PostOptions): Promise<HttpAnswer> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let settled = false;
    let abort: ((reason?: Error) => void) | undefined;
    // undici's own timeouts bound each wait (headers, the gap between chunks); a target trickling a
    // byte at a time never trips them, so the exchange as a whole has a deadline too.
    const deadline = setTimeout(() => {
      const err = Object.assign(new Error(`no complete answer within ${timeoutMs} ms`), { code: DEADLINE });
      abort?.(err);
      fail(err);
    }, timeoutMs);
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      reject(classifyFailure(err, performance.now() - started, timeoutMs));
    };
    try {
      const u = new URL(url);
      (options.dispatcher ?? defaultAgent()).dispatch(
        {
          origin: u.origin,
          path: `${u.pathname}${u.search}`,
          method: (options.method ?? "POST") as Dispatcher.HttpMethod,
          headers: options.headers,
          body: options.body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        {
          onConnect(abortRequest: (reason?: Error) => void) {
            abort = abortRequest;
            if (settled) abortRequest(new Error("deadline passed"));
          },
          onHeaders(statusCode: number, rawHeaders: Buffer[]) {
            status = statusCode;
            headers = headerObject(rawHeaders);
            return true;
          },
          onData(chunk: Buffer) {
            if (options.sink) options.sink(chunk);
            else chunks.push(chunk);
            return true;
          },
          onComplete() {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            resolve({ status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), durationMs: performance.now() - started });
          },
          onError(err: Error) {
            fail(err);
          },
        } as unknown as Dispatcher.DispatchHandler,
      );
    } catch (err) {
      fail(err);
    }
  });
}

/** undici hands raw name/value buffers: lower-case the names and join repeats, as Node's http does. */
function headerObject(raw: Buffer[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString("latin1").toLowerCase();
    const value = raw[i + 1]!.toString("latin1");
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

const DEADLINE = "ZOOMHOOK_DEADLINE";

export function classifyFailure(err: unknown, durationMs: number, timeoutMs: number): HttpFailure {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return new HttpFailure("refused", "connection refused", durationMs);
    case DEADLINE:
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
