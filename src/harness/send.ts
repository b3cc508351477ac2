// The harness's send(): one signed delivery through the core sendEvents(), answered as a Delivery.
import type { WebhookProvider } from "../providers/types.js";
import { sendEvents } from "../sender/send-events.js";
import type { Delivery, SendOptions } from "./harness.js";

export async function sendOne(provider: WebhookProvider, secret: string, url: string, event: string, o: SendOptions): Promise<Delivery> {
  const { results } = await sendEvents({
    provider,
    url,
    secret,
    event,
    data: o.data === undefined ? undefined : Buffer.from(o.data),
    overrides: Object.entries(o.set ?? {}).map(([path, value]) => ({ path, value })),
    signature: o.signature,
    staleSeconds: o.staleSeconds,
    duplicate: o.duplicate,
    meetingId: o.meetingId,
    timeoutMs: o.timeoutMs,
    keepRequests: true,
  });
  const r = results.at(-1)!;
  const body = r.responseBody ?? "";
  const delivery: Delivery = {
    headers: r.responseHeaders ?? {},
    body,
    latencyMs: r.durationMs,
    request: r.request!,
    json: <T>() => JSON.parse(body) as T,
  };
  if (r.status !== undefined) delivery.status = r.status;
  if (r.error !== undefined) delivery.error = r.error;
  return delivery;
}
