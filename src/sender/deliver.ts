// Deliver prepared webhook requests, one or many with bounded concurrency, optionally retried like Zoom; never prints.
import { createAgent, HttpFailure, postRaw, type HttpAgent } from "../http/client.js";
import { summarizeLatencies, type LoadSummary } from "../shared/stats.js";
import { zoomRetries } from "../providers/zoom/rules.js";

export interface Prepared {
  event?: string;
  body: Buffer;
  headers: Record<string, string>;
  timestamp?: number;
}

export interface DeliveryResult {
  index: number;
  /** 1 for the first attempt; 2… for retries. */
  attempt: number;
  /** True for the second, identical delivery of --duplicate. */
  duplicate?: boolean;
  url: string;
  event?: string;
  requestId?: string;
  timestamp?: number;
  bytes: number;
  status?: number;
  durationMs: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** Set when nothing answered. */
  error?: string;
  errorKind?: string;
  /** Set when another attempt follows, in ms. */
  retryInMs?: number;
  /** What was sent, with keepRequests. */
  request?: { headers: Record<string, string>; body: Buffer };
}

export interface RetryPolicy {
  /** Wait before each retry; its length is the number of retries. */
  delaysMs: number[];
  /** Whether the provider retries after this answer (default: Zoom's rule). */
  retries?: (status: number | undefined) => boolean;
  /** A retry carries the same request id, re-signed with a fresh timestamp. */
  resign: (previous: Prepared) => Prepared;
}

export interface DeliverOptions {
  url: string;
  count: number;
  concurrency: number;
  timeoutMs: number;
  prepare: (index: number) => Prepared;
  onResult?: (result: DeliveryResult) => void;
  retry?: RetryPolicy;
  duplicate?: boolean;
  /** The header whose value identifies a delivery (reported as requestId), when the provider sends one. */
  requestIdHeader?: string;
  /** Keep each request's headers and body on its result. */
  keepRequests?: boolean;
  /** Connections to reuse (left open); by default a pool is made for this call and closed after it. */
  agent?: HttpAgent;
}

/** Zoom retries on 5xx, timeouts and connection errors — never on 3xx or 4xx. */
export function isRetryable(r: Pick<DeliveryResult, "status">): boolean {
  return zoomRetries(r.status);
}

export async function deliverMany(options: DeliverOptions): Promise<{ results: DeliveryResult[]; summary: LoadSummary }> {
  const agent = options.agent ?? createAgent(Math.max(1, options.concurrency));
  const latencies: number[] = [];
  const keep: DeliveryResult[] = [];
  const tally = { ok: 0, failed: 0, noAnswer: 0 };
  let next = 0;
  const started = performance.now();
  const idHeader = options.requestIdHeader;
  const retries = options.retry?.retries ?? zoomRetries;

  const attempt = async (p: Prepared, index: number, n: number, duplicate: boolean): Promise<DeliveryResult> => {
    const result: DeliveryResult = { index, attempt: n, url: options.url, event: p.event, requestId: idHeader ? p.headers[idHeader] : undefined, timestamp: p.timestamp, bytes: p.body.length, durationMs: 0 };
    if (duplicate) result.duplicate = true;
    if (options.keepRequests) result.request = { headers: p.headers, body: p.body };
    try {
      const answer = await postRaw(options.url, { body: p.body, headers: p.headers, timeoutMs: options.timeoutMs, dispatcher: agent });
      result.status = answer.status;
      result.durationMs = round(answer.durationMs);
      result.responseHeaders = answer.headers;
      result.responseBody = answer.body.toString("utf8");
      latencies.push(answer.durationMs);
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      result.durationMs = round(err.durationMs);
      result.error = err.message;
      result.errorKind = err.kind;
    }
    return result;
  };
  const settle = (r: DeliveryResult) => {
    if (r.status === undefined) tally.noAnswer++;
    else if (r.status >= 200 && r.status < 300) tally.ok++;
    else tally.failed++;
    if (options.count <= 100) keep.push(r);
  };

  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      let p = options.prepare(index);
      for (let n = 1; ; n++) {
        const r = await attempt(p, index, n, false);
        const delay = options.retry?.delaysMs[n - 1];
        if (delay !== undefined && retries(r.status)) {
          r.retryInMs = delay;
          options.onResult?.(r);
          await new Promise((resolve) => setTimeout(resolve, delay));
          p = options.retry!.resign(p);
          continue;
        }
        options.onResult?.(r);
        settle(r);
        break;
      }
      if (options.duplicate) {
        const again = await attempt(p, index, 1, true);
        options.onResult?.(again);
        settle(again);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  } finally {
    if (!options.agent) await agent.close();
  }
  return { results: keep, summary: summarizeLatencies(latencies, tally.ok, tally.failed, tally.noAnswer, performance.now() - started) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
