// Decide zoomhook's own answer to a request from its kind and verdict (pure; no I/O).
import type { CapturedResponse } from "../shared/capture.js";
import { JSON_TYPE, jsonResponse } from "../shared/relay.js";
import type { Classified, Verdict, WebhookProvider } from "../providers/types.js";


export { jsonResponse };

/** The answer to nearly every valid delivery: built once, shared, never mutated (the receiver writes prebuilt bytes for it). */
export const RECEIVED: Readonly<CapturedResponse> = Object.freeze({ ...jsonResponse(200, { status: "received" }), headers: Object.freeze({ "content-type": JSON_TYPE }) });

/**
 * zoomhook's answer when it answers itself (not forwarding).
 * Zoom never retries a 4xx, so 401 on a bad signature drops that delivery for good: the terminal says so.
 */
export function decideResponse(provider: WebhookProvider, classified: Classified, verdict: Verdict, secret: string | undefined): CapturedResponse {
  if (classified.kind === "malformed") {
    return jsonResponse(400, { error: "malformed", message: classified.problem ?? `not a ${provider.title} webhook` });
  }
  if (secret && verdict.verification !== "valid") {
    return jsonResponse(401, { error: verdict.verification, message: verdict.diagnosis?.message ?? "signature not valid" });
  }
  if (classified.kind === "crc" && provider.handshake) {
    if (!classified.plainToken) return jsonResponse(400, { error: "malformed", message: `${provider.handshake.event} without payload.plainToken` });
    if (!secret) {
      return jsonResponse(500, {
        error: "no_secret",
        message: `zoomhook has no secret token, so it cannot answer ${provider.title}'s URL validation; set ${provider.secret.env}`,
      });
    }
    return provider.handshake.answer(secret, classified);
  }
  return RECEIVED;
}
