// LISTEN on the store's channel: notifications carry capture ids (never bodies); reconnects with backoff.
import pg from "pg";
import { createSubscribers, type CaptureFeed } from "../feed.js";

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5000;

/** Parse a payload written by the writer: "c:<id>,<id>…" for new captures, "x" for a clear. */
export function parsePayload(payload: string | undefined): { ids: string[] } | "cleared" | undefined {
  if (payload === "x") return "cleared";
  if (payload?.startsWith("c:")) return { ids: payload.slice(2).split(",").filter(Boolean) };
  return undefined;
}

export async function openPostgresFeed(config: pg.ClientConfig, channel: string): Promise<CaptureFeed> {
  const subs = createSubscribers();
  let client: pg.Client | undefined;
  let closed = false;
  let up = true;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    // An error event without a listener would end the process; a lost connection is retried instead.
    c.on("error", () => {});
    c.on("end", () => {
      if (client !== c || closed) return;
      client = undefined;
      if (up) {
        up = false;
        subs.emit({ type: "status", up: false, message: "Lost the connection to the capture database; reconnecting." });
      }
      retry(RETRY_MIN_MS);
    });
    c.on("notification", (msg) => {
      const parsed = parsePayload(msg.payload);
      if (parsed === "cleared") subs.emit({ type: "cleared" });
      else if (parsed) subs.emit({ type: "captures", ids: parsed.ids });
    });
    try {
      await c.connect();
      await c.query(`listen "${channel}"`);
    } catch (error) {
      await c.end().catch(() => {});
      throw error;
    }
    client = c;
  };

  const retry = (delay: number): void => {
    timer = setTimeout(() => {
      if (closed) return;
      connect().then(
        () => {
          up = true;
          subs.emit({ type: "status", up: true, message: "Reconnected to the capture database." });
        },
        () => retry(Math.min(RETRY_MAX_MS, delay * 2)),
      );
    }, delay);
  };

  await connect();
  return {
    subscribe: (fn) => subs.add(fn),
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
