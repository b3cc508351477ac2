// Relay one delivery to the developer's app, byte for byte, and hand back the app's answer.
import { HttpFailure, postRaw } from "../http/client.js";
import type { Delivery, Relayed } from "../shared/relay.js";
import { jsonResponse } from "../shared/relay.js";
import { relayRequestHeaders, relayResponseHeaders } from "./headers.js";

export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;
const STORED_BODY_LIMIT = 64 * 1024;

export async function forwardDelivery(url: string, delivery: Delivery, timeoutMs = DEFAULT_FORWARD_TIMEOUT_MS): Promise<Relayed> {
  try {
    const answer = await postRaw(url, {
      method: delivery.method,
      body: delivery.body,
      headers: relayRequestHeaders(delivery.headers),
      timeoutMs,
    });
    const text = answer.body.toString("utf8");
    const headers = relayResponseHeaders(answer.headers);
    return {
      response: { status: answer.status, headers, body: text },
      raw: answer.body,
      forward: {
        url,
        status: answer.status,
        durationMs: round(answer.durationMs),
        headers,
        body: text.length > STORED_BODY_LIMIT ? text.slice(0, STORED_BODY_LIMIT) : text,
      },
    };
  } catch (err) {
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
