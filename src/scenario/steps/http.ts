// The `http` step: a request to any URL (the app's own API, a health check), retried until a condition holds.
import { HttpFailure, postRaw } from "../../http/client.js";
import { checkAnswer } from "../assert.js";
import { resolveText, resolveValue } from "../resolve.js";
import type { Exchange, Failure, HttpSpec, RetrySpec } from "../types.js";
import { noAnswer, type StepContext, type StepOutcome } from "./context.js";

export async function runHttp(spec: HttpSpec, retry: RetrySpec | undefined, ctx: StepContext): Promise<StepOutcome> {
  const url = resolveText(spec.url, ctx.scope) ?? "";
  const headers: Record<string, string> = {};
  for (const h of spec.headers) headers[h.name] = resolveText(h.value, ctx.scope) ?? "";
  let body: string | undefined;
  if (spec.body !== undefined && spec.body !== null) {
    const v = resolveValue(spec.body, ctx.scope);
    body = typeof v === "string" ? v : JSON.stringify(v);
    if (typeof v !== "string" && !("content-type" in headers)) headers["content-type"] = "application/json";
  }
  const deadline = performance.now() + (retry?.timeoutMs ?? 0);
  let attempts = 0;
  for (;;) {
    attempts++;
    const exchange = await once(spec.method, url, headers, body, ctx);
    const unmet = retry ? untilFailures(retry, exchange, ctx) : [];
    const timeLeft = deadline - performance.now();
    if (unmet.length === 0 || timeLeft <= 0 || ctx.signal?.aborted) {
      const failures: Failure[] = unmet.length > 0 ? [{ check: "retry.until", message: `still not met after ${attempts} attempts in ${retry!.timeoutMs} ms: ${unmet[0]!.message}`, expected: unmet[0]!.expected, actual: unmet[0]!.actual }] : [];
      if (!exchange.response && failures.length === 0) failures.push(noAnswer(exchange.error ?? "nothing answered"));
      const r = exchange.response;
      return {
        exchanges: [exchange],
        failures,
        attempts,
        record: { request: { ...exchange.request }, response: r && { status: r.status, headers: r.headers, body: r.body } },
      };
    }
    await sleep(Math.min(retry!.intervalMs, timeLeft), ctx.signal);
  }
}

function untilFailures(retry: RetrySpec, exchange: Exchange, ctx: StepContext): Failure[] {
  if (!exchange.response) return [noAnswer(exchange.error ?? "nothing answered")];
  return checkAnswer(retry.until, exchange.response, ctx.scope);
}

async function once(method: string, url: string, headers: Record<string, string>, body: string | undefined, ctx: StepContext): Promise<Exchange> {
  const request = { method, url, headers, body: body ?? "" };
  try {
    const a = await postRaw(url, { method, headers, body: body ?? "", timeoutMs: ctx.timeoutMs, dispatcher: ctx.agent });
    return { request, response: { status: a.status, headers: a.headers, body: a.body.toString("utf8"), latencyMs: Math.round(a.durationMs * 100) / 100 } };
  } catch (err) {
    if (err instanceof HttpFailure) return { request, error: err.message };
    if (err instanceof TypeError) return { request, error: `not a URL: ${url}` };
    throw err;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
