// Turning requests and answers into the report's Exchange records: what was sent, what came back.
import type { DeliveryResult } from "../sender/deliver.js";
import type { Exchange } from "./types.js";

const PREVIEW_CHARS = 160;

/** The start of a body on one line, for the report card. */
export function bodyStart(body: string | Uint8Array): string {
  const text = typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, PREVIEW_CHARS * 4)).toString("utf8");
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > PREVIEW_CHARS ? `${oneLine.slice(0, PREVIEW_CHARS)}…` : oneLine;
}

/** The start of an answer's body; an HTML error page is shown as its text. */
export function answerStart(body: string | Uint8Array, contentType: string | undefined): string {
  if (!contentType || !/html/i.test(contentType)) return bodyStart(body);
  const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
  return bodyStart(text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "));
}

/** An Exchange from one delivery made through sendEvents (with keepRequests). */
export function fromDelivery(label: string, r: DeliveryResult): Exchange {
  const body = r.request?.body ?? Buffer.alloc(0);
  const exchange: Exchange = {
    label,
    request: { method: "POST", url: r.url, bytes: body.length, headers: r.request?.headers ?? {}, bodyStart: bodyStart(body) },
  };
  if (r.status !== undefined) {
    exchange.response = {
      status: r.status,
      latencyMs: Math.round(r.durationMs),
      contentType: r.responseHeaders?.["content-type"],
      bodyStart: answerStart(r.responseBody ?? "", r.responseHeaders?.["content-type"]),
    };
  } else {
    exchange.error = { kind: r.errorKind ?? "other", message: r.error ?? "no answer", latencyMs: Math.round(r.durationMs) };
  }
  return exchange;
}

export function is2xx(e: Exchange): boolean {
  return e.response !== undefined && e.response.status >= 200 && e.response.status < 300;
}

export function is5xx(e: Exchange): boolean {
  return e.response !== undefined && e.response.status >= 500;
}

/** "401 in 3 ms" or "no answer (timeout after 6000 ms)". */
export function answerText(e: Exchange): string {
  if (e.response) return `${e.response.status} in ${e.response.latencyMs} ms`;
  const why = e.error?.message ?? "unknown";
  return why.startsWith("no answer") ? why : `no answer (${why})`;
}
