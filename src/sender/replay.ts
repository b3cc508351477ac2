// Turn a captured request back into a delivery: re-signed and fresh by default, or untouched.
import { REPLAY_OF_HEADER, type Capture } from "../shared/capture.js";
import { relayRequestHeaders } from "../forwarder/headers.js";
import { newRequestId, newTraceparent } from "../providers/zoom/headers.js";
import { signPayload } from "../providers/zoom/signature.js";
import type { Prepared } from "./deliver.js";


export interface ReplayOptions {
  secret?: string;
  /** Send the original bytes and headers untouched (the old signature will fail a replay window). */
  keepSignature?: boolean;
  /** Keep the original x-zm-request-id (what a Zoom retry looks like). */
  sameId?: boolean;
  /** A replacement body (edit-then-replay); implies re-signing. */
  body?: Buffer;
  nowMs?: number;
  /** Mark the delivery as a replay of this capture (only meaningful for zoomhook's own listener). */
  markReplayOf?: boolean;
}

export function prepareReplay(capture: Capture, options: ReplayOptions): Prepared {
  const headers = relayRequestHeaders(capture.headers);
  const body = options.body ?? capture.body;
  let timestamp: number | undefined;
  if (!options.keepSignature || options.body) {
    timestamp = Math.floor((options.nowMs ?? Date.now()) / 1000);
    if (!options.sameId) headers["x-zm-request-id"] = newRequestId();
    if (headers.traceparent) headers.traceparent = newTraceparent();
    if (options.secret) {
      headers["x-zm-request-timestamp"] = String(timestamp);
      headers["x-zm-signature"] = signPayload(options.secret, timestamp, body);
    }
  }
  if (options.markReplayOf !== false) headers[REPLAY_OF_HEADER] = capture.id;
  return { event: capture.event, body, headers, timestamp };
}
