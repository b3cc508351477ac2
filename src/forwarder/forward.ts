// Relay one delivery to the developer's app, byte for byte, and hand back the app's answer.
import { HttpFailure, postRaw } from "../http/client.js";
import type { Delivery, Relayed } from "../shared/relay.js";
import { jsonResponse } from "../shared/relay.js";
import { relayRequestHeaders, relayResponseHeaders } from "./headers.js";
import { ResponseSpool } from "./response-spool.js";

export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

export async function forwardDelivery(url: string, delivery: Delivery, timeoutMs = DEFAULT_FORWARD_TIMEOUT_MS): Promise<Relayed> {
  const spool = new ResponseSpool();
  try {
    const answer = await postRaw(url, {
      method: delivery.method,
      body: delivery.body,
      headers: relayRequestHeaders(delivery.headers),
      timeoutMs,
      sink: (chunk) => spool.write(chunk),
    });
    const body = spool.finish();
    // The capture keeps a prefix of a big answer with its size and SHA-256 (like request bodies): a
    // whole 64 MB answer in one record made that record unreadable.
    const text = body.prefix.toString("utf8");
    const headers = relayResponseHeaders(answer.headers);
    const truncated = body.size > body.prefix.length;
    const response: Relayed["response"] = { status: answer.status, headers, body: text };
    if (truncated) Object.assign(response, { truncated, bodySize: body.size, bodySha256: body.sha256 });
    return {
      response,
      raw: body.whole,
      spooled: body.spooled,
      forward: { url, status: answer.status, durationMs: round(answer.durationMs), headers, body: text },
    };
  } catch (err) {
    spool.discard();
    if (!(err instanceof HttpFailure)) throw err;
    // 502/504 are retried by Zoom, so the delivery is not lost while the app is down.
    const status = err.kind === "timeout" ? 504 : 502;
    const message = err.kind === "timeout" ? `the app did not answer within ${timeoutMs} ms` : `the app is unreachable: ${err.message}`;
    return {
      response: jsonResponse(status, { error: status === 504 ? "gateway_timeout" : "bad_gateway", message, forwardTo: url }),
      forward: { url, durationMs: round(err.durationMs), error: err.message },
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
