// Server-Sent Events: pushes the bus's "request" and "cleared" events to every open inspector tab.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bus, SessionEvent } from "../shared/bus.js";

export interface SseHub {
  attach(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

// Proxies and OS sleep can silently drop an idle stream; a comment line keeps it honest.
const HEARTBEAT_MS = 15_000;
/**
 * A tab that stopped reading (a suspended laptop, a stalled proxy) would otherwise make the listener
 * buffer every event for it. Past this it is disconnected; the browser reconnects by itself and
 * reloads the list from the store, so nothing is lost to it.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

function frame(event: SessionEvent): string | undefined {
  if (event.type === "request") {
    return `event: request\ndata: ${JSON.stringify({ capture: event.capture, forwardBodyPreview: event.forwardBodyPreview })}\n\n`;
  }
  if (event.type === "cleared") return "event: cleared\ndata: {}\n\n";
  if (event.type === "tunnel") return `event: tunnel\ndata: ${JSON.stringify({ status: event.status, url: event.url })}\n\n`;
  return undefined;
}

export function createSseHub(bus: Bus): SseHub {
  const clients = new Set<ServerResponse>();
  const send = (text: string): void => {
    for (const res of clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        clients.delete(res);
        res.destroy();
      } else {
        res.write(text);
      }
    }
  };
  const unsubscribe = bus.on((event) => {
    const text = frame(event);
    if (text !== undefined) send(text);
  });
  const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
  heartbeat.unref();

  return {
    attach(req, res) {
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
      });
      // The browser reconnects by itself after a drop; 2 s keeps the list fresh without hammering.
      res.write("retry: 2000\n: connected\n\n");
      clients.add(res);
      const drop = (): void => {
        clients.delete(res);
      };
      req.on("close", drop);
      res.on("error", drop);
    },
    close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
