// The shape of Zoom's endpoint URL validation (CRC) request, which @zoom/rivet does not declare.
// Zoom docs, "Using webhooks" → "Validate your webhook endpoint":
// {"payload":{"plainToken":"…"},"event_ts":<ms>,"event":"endpoint.url_validation"} — no account_id, no object.

import { CRC_EVENT } from "../providers/zoom/crc.js";

export const URL_VALIDATION_EVENT = CRC_EVENT;

export interface EndpointUrlValidationEvent {
  event: "endpoint.url_validation";
  /** Milliseconds since the epoch. */
  event_ts: number;
  payload: {
    /** 22 base64url characters; the endpoint echoes it and returns its HMAC as encryptedToken. */
    plainToken: string;
  };
}
