// The session bus: the core emits typed events; the terminal, --json and the inspector subscribe.
import type { CaptureSummary } from "./capture.js";

export interface ReadyEvent {
  type: "ready";
  localUrl: string;
  publicUrl: string | null;
  inspectorUrl: string | null;
  pid: number;
  /** Whose webhooks the listener takes ("zoom", "circleci"). */
  provider?: string;
  /** Where to paste the public URL on the provider's side. */
  setup?: string;
  /** Who verifies signatures: "zoomhook", "ngrok" or "nobody". */
  verifiedBy: "zoomhook" | "ngrok" | "nobody";
  secretSource?: string;
  forwardTo?: string | null;
  /** Routes from the config file, in the order they are tried (before forwardTo). */
  routes?: Array<{ event: string; url: string }>;
  /** Where the CRC goes: the app's URL when it is forwarded, null when zoomhook (or ngrok) answers it. */
  crcTo?: string | null;
  /** The zoomhook.config.json that was loaded, if any. */
  configFile?: string | null;
  store?: string | null;
  /** "websocket" when events come from a Zoom WebSocket subscription instead of webhooks. */
  via?: "webhook" | "websocket";
  subscriptionId?: string;
}

export interface RequestEvent {
  type: "request";
  capture: CaptureSummary;
  /** Start of the app's response body when forwarding. */
  forwardBodyPreview?: string;
}

export interface NoticeEvent {
  type: "warning" | "error" | "info";
  code: string;
  message: string;
  hint?: string;
}

export interface TunnelEvent {
  type: "tunnel";
  status: "connected" | "closed";
  url?: string;
}

/** The WebSocket subscription's connection changed; events that happen while it is down are never delivered. */
export interface WebsocketEvent {
  type: "websocket";
  status: "connected" | "lost" | "reconnected" | "taken_over";
  message: string;
}

export interface ClearedEvent {
  type: "cleared";
}

export type SessionEvent = ReadyEvent | RequestEvent | NoticeEvent | TunnelEvent | WebsocketEvent | ClearedEvent;

export type Listener = (event: SessionEvent) => void;

export interface Bus {
  emit(event: SessionEvent): void;
  /** Subscribe; returns the unsubscribe function. */
  on(listener: Listener): () => void;
}

export function createBus(): Bus {
  const listeners = new Set<Listener>();
  return {
    emit(event) {
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // A failing subscriber (a closed SSE socket, say) must not break the session or other subscribers.
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
