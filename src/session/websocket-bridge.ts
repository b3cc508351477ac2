// Zoom WebSocket subscription → the webhook pipeline: each event frame becomes a delivery, signed with the
// developer's secret so their webhook handler (and its verification) runs unchanged. Never prints.
import type { Receiver } from "../receiver/index.js";
import { zoomProvider } from "../providers/zoom/index.js";
import type { Bus } from "../shared/bus.js";
import { systemClock, type Clock } from "../shared/clock.js";
import type { SubscriptionOptions } from "../websocket/subscription.js";

/** Which subscription, with what credentials; the URLs are test seams (users keep Zoom's). */
export type WebsocketSource = Pick<SubscriptionOptions, "subscriptionId" | "credentials" | "oauthUrl" | "wsUrl" | "heartbeatMs" | "retryMs">;

const FRAME_VERDICT = {
  verification: "unverified" as const,
  diagnosis: { code: "websocket_frame" as const, message: "delivered over the WebSocket subscription, which carries no signature" },
};

export async function startWebsocketBridge(source: WebsocketSource, receiver: Receiver, secret: string | undefined, bus: Bus, clock: Clock = systemClock) {
  const { startSubscription } = await import("../websocket/subscription.js");
  let queue: Promise<unknown> = Promise.resolve();
  return startSubscription({
    ...source,
    now: () => clock.now(),
    onStatus: (status, detail) => {
      const message =
        status === "lost"
          ? `websocket lost — reconnecting… (${detail}); events that happen meanwhile are never delivered`
          : status === "reconnected"
            ? "websocket reconnected: events flow again (any sent during the gap were lost)"
            : status === "taken_over"
              ? `websocket taken over: ${detail}; zoomhook stops receiving rather than fight for it`
              : `websocket connected (${detail})`;
      bus.emit({ type: "websocket", status, message });
    },
    onWarning: (message) => bus.emit({ type: "warning", code: "websocket_token", message }),
    onFrame: (text, frame) => {
      if (frame.kind === "heartbeat") return;
      // One at a time, in arrival order: the app sees events in the order Zoom sent them.
      queue = queue.then(() => bridgeFrame(text, frame, receiver, secret, clock)).catch((err: Error) => bus.emit({ type: "error", code: "websocket_frame", message: err.message }));
    },
  });
}

function bridgeFrame(text: string, frame: import("../websocket/frames.js").Frame, receiver: Receiver, secret: string | undefined, clock: Clock) {
  if (frame.kind !== "event") {
    // Kept and shown exactly as received, never handed to the app.
    return receiver.inject({ headers: {}, body: Buffer.from(text, "utf8"), origin: { via: "websocket", frame: text, resigned: false }, verdict: FRAME_VERDICT, relay: false });
  }
  const body = Buffer.from(frame.content, "utf8");
  const headers = zoomProvider.deliveryHeaders({ body, secret, timestamp: Math.floor(clock.now() / 1000), signature: secret ? "valid" : "none" });
  // A message whose content is not an event is kept and shown like any malformed request, not relayed.
  return receiver.inject({ headers, body, origin: { via: "websocket", frame: text, resigned: Boolean(secret) }, verdict: FRAME_VERDICT, relay: frame.event !== undefined });
}
