// The local receiver: a node:http server that behaves like a correct Zoom webhook endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { AddressInfo } from "node:net";
import type { Capture } from "../shared/capture.js";
import { systemClock, type Clock } from "../shared/clock.js";
import type { Delivery, Relayed } from "../shared/relay.js";
import type { WebhookProvider } from "../providers/types.js";
import { RECEIVED } from "./decide.js";
import { declaredLength, installClientErrorHandler, serverTimeouts, type TimeLimits } from "./limits.js";
import { createPipeline, DEFAULT_MAX_BODY, type Injected } from "./pipeline.js";
import { readBody, type RawBody } from "./read-body.js";

export type { Delivery, Relayed } from "../shared/relay.js";
export { DEFAULT_MAX_BODY, type Injected } from "./pipeline.js";

export interface ReceiverOptions extends TimeLimits {
  host?: string;
  port?: number;
  path?: string;
  /** The provider whose deliveries this receiver takes (default Zoom). */
  provider?: WebhookProvider;
  /** The current secret, then the previous one during a rotation. */
  secrets?: readonly string[];
  /** Shorthand for secrets: [secret]. */
  secret?: string;
  /** Seconds of allowed timestamp age, for providers that sign one (default: the provider's). */
  toleranceSeconds?: number;
  maxBody?: number;
  clock?: Clock;
  newId?: () => string;
  /** Forward to the developer's app; return undefined to let zoomhook answer itself. */
  relay?: (delivery: Delivery) => Promise<Relayed> | undefined;
  /** Durably record the capture; the answer goes out only after this resolves. */
  persist?: (capture: Capture) => Promise<void>;
  /** Called after the answer was handed to the socket. */
  onCapture?: (capture: Capture) => void;
  /** A failure inside zoomhook while handling a request (the client still gets an answer). */
  onError?: (err: unknown) => void;
}

export interface Receiver {
  server: Server;
  port: number;
  host: string;
  path: string;
  url: string;
  /** Feed a delivery that did not arrive over HTTP (a WebSocket frame) through the same pipeline. */
  inject(delivery: Injected): Promise<Capture>;
  close(): Promise<void>;
}

const RECEIVED_BYTES = Buffer.from(RECEIVED.body);
const RECEIVED_HEADERS = { ...RECEIVED.headers, "content-length": RECEIVED_BYTES.length };

export function createRequestHandler(options: ReceiverOptions) {
  const path = options.path ?? "/webhook";
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  const clock = options.clock ?? systemClock;
  const process = createPipeline(options);

  const handle = async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const nowMs = clock.now();
    let raw: RawBody;
    // Refused from its Content-Length without reading a byte: the size is what was declared, no hash.
    const declared = declaredLength(req.rawHeaders);
    const unread = declared !== undefined && declared > maxBody;
    if (unread) {
      raw = { bytes: Buffer.alloc(0), size: declared, truncated: true };
    } else {
      try {
        raw = await readBody(req, maxBody);
      } catch {
        return; // the client went away mid-body, or ran out of time (answered 408): nothing to answer
      }
    }
    const { capture, response, rawOut, spooled } = await process({
      started,
      nowMs,
      raw,
      url: req.url ?? "/",
      method: req.method ?? "GET",
      rawHeaders: req.rawHeaders,
      remoteAddress: req.socket.remoteAddress,
    });
    if (response === RECEIVED) {
      res.writeHead(200, RECEIVED_HEADERS);
      res.end(RECEIVED_BYTES);
    } else if (spooled) {
      const body = spooled;
      res.writeHead(response.status, { ...response.headers, "content-length": body.size });
      // The client hanging up mid-answer is its business; the capture is already written.
      pipeline(body.open(), res).catch(() => undefined).finally(() => body.dispose());
    } else {
      const out = rawOut ?? Buffer.from(response.body, "utf8");
      // Closing stops Node from reading (and discarding) the rest of an upload refused unread.
      res.writeHead(response.status, { ...response.headers, "content-length": out.length, ...(unread ? { connection: "close" } : {}) });
      res.end(out);
    }
    options.onCapture?.(capture);
  };

  /** A delivery that did not come over HTTP (a WebSocket frame): the same pipeline, with nobody to answer. */
  const inject = async (delivery: Injected): Promise<Capture> => {
    const rawHeaders: string[] = [];
    for (const [k, v] of Object.entries(delivery.headers)) rawHeaders.push(k, v);
    const { capture, spooled } = await process({
      started: performance.now(),
      nowMs: clock.now(),
      raw: { bytes: delivery.body, size: delivery.body.length, truncated: false },
      url: path,
      method: "POST",
      rawHeaders,
      origin: delivery.origin,
      verdict: delivery.verdict,
      relay: delivery.relay,
    });
    spooled?.dispose(); // nobody to hand the app's answer to
    options.onCapture?.(capture);
    return capture;
  };

  return Object.assign(handle, { inject });
}

/** Start the receiver; rejects with the listen error (EADDRINUSE…) so the caller can decide. */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const handle = createRequestHandler(options);
  const server = createServer(serverTimeouts(options), (req, res) => {
    handle(req, res).catch((err) => {
      options.onError?.(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  installClientErrorHandler(server);
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? "/webhook";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        server,
        port,
        host,
        path,
        url: `http://${urlHost}:${port}${path}`,
        inject: handle.inject,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
