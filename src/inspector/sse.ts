// Server-Sent Events: pushes the bus's "request" and "cleared" events to every open inspector tab.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bus, SessionEvent } from "../shared/bus.js";
import type { CaptureReader } from "../shared/capture.js";
import { summariesFor, type CaptureFeed } from "../store/feed.js";

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
  if ((event.type === "warning" || event.type === "info") && (event.code === "store_down" || event.code === "store_up")) {
    return `event: store\ndata: ${JSON.stringify({ up: event.code === "store_up", message: event.message })}\n\n`;
  }
  return undefined;
}

/**
 * With a shared store's feed, captures and clears come from the feed (every listener's, this one's
 * included, once committed) instead of the bus, so nothing shows twice.
 */
export function createSseHub(bus: Bus, shared?: { feed: CaptureFeed; reader: CaptureReader }): SseHub {
  const clients = new Set<ServerResponse>();
  const send = (text: string | undefined): void => {
    if (text === undefined) return;
    for (const res of clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        clients.delete(res);
        res.destroy();
      } else {
        res.write(text);
      }
    }
  };
  const unsubscribeBus = bus.on((event) => {
    if (shared && (event.type === "request" || event.type === "cleared")) return;
    send(frame(event));
  });
  let chain = Promise.resolve();
  const unsubscribeFeed = shared?.feed.subscribe((e) => {
    if (e.type === "cleared") chain = chain.then(() => send(frame({ type: "cleared" })));
    // Nobody is looking: no reads (under load that would be a query per batch for nothing).
    if (e.type !== "captures" || clients.size === 0) return;
    // In commit order, so the browser's list stays newest-first.
    chain = chain.then(async () => {
      const summaries = await summariesFor(shared.reader, e.ids).catch(() => []);
      for (const capture of summaries) send(frame({ type: "request", capture }));
    });
  });
  const unsubscribe = () => {
    unsubscribeBus();
    unsubscribeFeed?.();
  };
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
