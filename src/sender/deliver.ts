// Deliver prepared webhook requests, one or many with bounded concurrency; never prints.
import { createAgent, HttpFailure, postRaw } from "../http/client.js";
import { summarizeLatencies, type LoadSummary } from "../shared/stats.js";

export interface Prepared {
  event?: string;
  body: Buffer;
  headers: Record<string, string>;
  timestamp?: number;
}

export interface DeliveryResult {
  index: number;
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
}

export interface DeliverOptions {
  url: string;
  count: number;
  concurrency: number;
  timeoutMs: number;
  prepare: (index: number) => Prepared;
  onResult?: (result: DeliveryResult) => void;
}

export async function deliverMany(options: DeliverOptions): Promise<{ results: DeliveryResult[]; summary: LoadSummary }> {
  const agent = createAgent(Math.max(1, options.concurrency));
  const latencies: number[] = [];
  const keep: DeliveryResult[] = [];
  let ok = 0;
  let failed = 0;
  let noAnswer = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      const p = options.prepare(index);
      const result: DeliveryResult = {
        index,
        url: options.url,
        event: p.event,
        requestId: p.headers["x-zm-request-id"],
        timestamp: p.timestamp,
        bytes: p.body.length,
        durationMs: 0,
      };
      try {
        const answer = await postRaw(options.url, { body: p.body, headers: p.headers, timeoutMs: options.timeoutMs, dispatcher: agent });
        result.status = answer.status;
        result.durationMs = round(answer.durationMs);
        result.responseHeaders = answer.headers;
        result.responseBody = answer.body.toString("utf8");
        latencies.push(answer.durationMs);
        if (answer.status >= 200 && answer.status < 300) ok++;
        else failed++;
      } catch (err) {
        if (!(err instanceof HttpFailure)) throw err;
        result.durationMs = round(err.durationMs);
        result.error = err.message;
        result.errorKind = err.kind;
        noAnswer++;
      }
      if (options.count <= 100) keep.push(result);
      options.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  } finally {
    await agent.close();
  }
  return { results: keep, summary: summarizeLatencies(latencies, ok, failed, noAnswer, performance.now() - started) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
