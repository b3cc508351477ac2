// One pre-signed meeting.started delivery (body + Zoom headers) that benchmarks replay many times.
import { buildEvent } from "../../src/events/index.js";
import { zoomHeaders } from "../../src/providers/zoom/headers.js";

export const BENCH_SECRET = "bench-secret-token";
export const WEBHOOK_PATH = "/webhook";

export interface SignedRequest {
  body: Buffer;
  headers: Record<string, string>;
}

/** Signed once: receivers run with tolerance 0 so the timestamp never goes stale during a run. */
export function signedMeetingStarted(secret = BENCH_SECRET): SignedRequest {
  const body = Buffer.from(JSON.stringify(buildEvent("meeting.started")));
  const headers = zoomHeaders({ body, secret, timestamp: Math.floor(Date.now() / 1000) });
  return { body, headers };
}
