// One Zoom WebSocket event subscription: token, connect, heartbeat, refresh, reconnect with backoff. Never prints.
import { openSocket, type Socket } from "../http/websocket.js";
import { configError } from "../shared/errors.js";
import { HEARTBEAT_FRAME, parseFrame, type Frame } from "./frames.js";
import { DEFAULT_OAUTH_URL, fetchAccessToken, type AccessToken, type Credentials } from "./oauth.js";

export const DEFAULT_WS_URL = "wss://ws.zoom.us/ws";
/** Zoom's samples send a heartbeat about every 30 s. */
export const HEARTBEAT_MS = 30_000;
const MAX_RETRY_MS = 60_000;
/** Refresh the token this long before it expires (tokens last about an hour). */
const REFRESH_AHEAD_MS = 5 * 60_000;

export type SubscriptionStatus = "connected" | "lost" | "reconnected" | "taken_over";

export interface SubscriptionOptions {
  subscriptionId: string;
  credentials: Credentials;
  oauthUrl?: string;
  wsUrl?: string;
  heartbeatMs?: number;
  /** First reconnect delay; it doubles (with jitter) up to a minute. */
  retryMs?: number;
  now?: () => number;
  onFrame(text: string, frame: Frame): void;
  onStatus(status: SubscriptionStatus, detail: string): void;
  onWarning?(message: string): void;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * How a connection replaced by a newer one for the same subscription is recognised: a close whose
 * reason says so. Reconnecting would take it back and start a tug of war, so zoomhook stops instead.
 */
export function isTakeover(code: number, reason: string): boolean {
  return code >= 4000 && /another|new(er)? connection|replaced|duplicate|taken over/i.test(reason);
}

export async function startSubscription(o: SubscriptionOptions): Promise<Subscription> {
  const now = o.now ?? Date.now;
  const oauthUrl = o.oauthUrl ?? DEFAULT_OAUTH_URL;
  const base = o.wsUrl ?? DEFAULT_WS_URL;
  const retryMs = o.retryMs ?? 1000;
  let token: AccessToken = await fetchAccessToken(oauthUrl, o.credentials, now());
  let socket: Socket | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let refresh: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;
  let stopped = false;
  let everConnected = false;

  const scheduleRefresh = () => {
    clearTimeout(refresh);
    const lifetime = token.expiresAtMs - now();
    const wait = Math.max(1000, Math.min(lifetime - REFRESH_AHEAD_MS, lifetime * 0.9));
    refresh = setTimeout(() => {
      fetchAccessToken(oauthUrl, o.credentials, now()).then(
        (t) => {
          token = t;
          scheduleRefresh();
        },
        (err: Error) => {
          o.onWarning?.(`could not refresh the Zoom access token (${err.message}); trying again at the next reconnect`);
        },
      );
    }, wait);
    refresh.unref();
  };

  const connect = (): Promise<void> =>
    new Promise((opened, failed) => {
      const url = `${base}?subscriptionId=${encodeURIComponent(o.subscriptionId)}&access_token=${encodeURIComponent(token.token)}`;
      let open = false;
      socket = openSocket(url, {
        onOpen: () => {
          open = true;
          attempt = 0;
          clearInterval(heartbeat);
          heartbeat = setInterval(() => socket?.send(HEARTBEAT_FRAME), o.heartbeatMs ?? HEARTBEAT_MS);
          heartbeat.unref();
          if (everConnected) o.onStatus("reconnected", "events flow again");
          everConnected = true;
          opened();
        },
        onText: (text) => o.onFrame(text, parseFrame(text)),
        onClose: ({ code, reason, error }) => {
          clearInterval(heartbeat);
          socket = undefined;
          if (stopped) return;
          const why = reason || error || `close code ${code}`;
          if (!open && !everConnected) {
            failed(
              configError("websocket_refused", `Zoom did not accept the WebSocket for subscription ${o.subscriptionId}: ${why}.`, {
                hint: "Check the subscription id (Features → Event Subscriptions, method WebSocket) and that the app is activated.",
              }),
            );
            return;
          }
          if (isTakeover(code, reason)) {
            o.onStatus("taken_over", `another consumer connected to subscription ${o.subscriptionId} and took it over (${why})`);
            stopped = true;
            return;
          }
          if (open) o.onStatus("lost", why);
          reconnectLater();
        },
      });
    });

  const reconnectLater = () => {
    const delay = Math.min(MAX_RETRY_MS, retryMs * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt++;
    retry = setTimeout(async () => {
      if (stopped) return;
      try {
        if (token.expiresAtMs - now() < REFRESH_AHEAD_MS) {
          token = await fetchAccessToken(oauthUrl, o.credentials, now());
          scheduleRefresh();
        }
        await connect();
      } catch {
        if (!stopped) reconnectLater();
      }
    }, delay);
  };

  await connect();
  scheduleRefresh();
  o.onStatus("connected", `subscription ${o.subscriptionId}`);
  return {
    close: async () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(refresh);
      clearInterval(heartbeat);
      socket?.close(1000, "zoomhook stopped");
    },
  };
}
