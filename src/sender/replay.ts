// Turn a captured request back into a delivery: re-signed and fresh by default, or untouched.
import { REPLAY_OF_HEADER, type Capture } from "../shared/capture.js";
import { relayRequestHeaders } from "../forwarder/headers.js";
import { getProvider } from "../providers/registry.js";
import type { Prepared } from "./deliver.js";

export interface ReplayOptions {
  secret?: string;
  /** Send the original bytes and headers untouched (the old signature will fail a replay window). */
  keepSignature?: boolean;
  /** Keep the original delivery id (what a provider's retry looks like). */
  sameId?: boolean;
  /** A replacement body (edit-then-replay); implies re-signing. */
  body?: Buffer;
  nowMs?: number;
  /** Mark the delivery as a replay of this capture (only meaningful for zoomhook's own listener). */
  markReplayOf?: boolean;
}

/** The delivery that replays a capture, signed the way its provider signs. */
export function prepareReplay(capture: Capture, options: ReplayOptions): Prepared {
  const provider = getProvider(capture.provider);
  let headers = relayRequestHeaders(capture.headers);
  const body = options.body ?? capture.body;
  let timestamp: number | undefined;
  if (!options.keepSignature || options.body) {
    ({ headers, timestamp } = provider.resign({ headers, body, secret: options.secret, nowMs: options.nowMs ?? Date.now(), sameId: options.sameId }));
  }
  if (options.markReplayOf !== false) headers[REPLAY_OF_HEADER] = capture.id;
  return { event: capture.event, body, headers, timestamp };
}
