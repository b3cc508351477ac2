// Decide zoomhook's own answer to a request from its kind and verdict (pure; no I/O).
import type { CapturedResponse } from "../shared/capture.js";
import type { Classified } from "../providers/zoom/classify.js";
import { crcResponse } from "../providers/zoom/crc.js";
import type { VerifyResult } from "../providers/zoom/signature.js";

const JSON_TYPE = "application/json; charset=utf-8";

export function jsonResponse(status: number, body: unknown): CapturedResponse {
  return { status, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(body) };
}

/** The answer to nearly every valid delivery: built once, shared, never mutated (the receiver writes prebuilt bytes for it). */
export const RECEIVED: Readonly<CapturedResponse> = Object.freeze({ ...jsonResponse(200, { status: "received" }), headers: Object.freeze({ "content-type": JSON_TYPE }) });

/**
 * zoomhook's answer when it answers itself (not forwarding).
 * Zoom never retries a 4xx, so 401 on a bad signature drops that delivery for good: the terminal says so.
 */
export function decideResponse(classified: Classified, verdict: VerifyResult, secret: string | undefined): CapturedResponse {
  if (classified.kind === "malformed") {
    return jsonResponse(400, { error: "malformed", message: classified.problem ?? "not a Zoom webhook" });
  }
  if (secret && verdict.verification !== "valid") {
    return jsonResponse(401, { error: verdict.verification, message: verdict.diagnosis?.message ?? "signature not valid" });
  }
  if (classified.kind === "crc") {
    if (!classified.plainToken) return jsonResponse(400, { error: "malformed", message: "endpoint.url_validation without payload.plainToken" });
    if (!secret) {
      return jsonResponse(500, {
        error: "no_secret",
        message: "zoomhook has no secret token, so it cannot answer Zoom's URL validation; set ZOOM_WEBHOOK_SECRET_TOKEN",
      });
    }
    return { status: 200, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(crcResponse(secret, classified.plainToken)) };
  }
  return RECEIVED;
}
