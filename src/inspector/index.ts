// startInspector: the local web inspector for one `listen` session (own port, loopback, per-session token).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createGuard, newToken, type Guard } from "./auth.js";
import { listenWithFallback } from "./listen-port.js";
import { createRequestHandler, type RouterContext } from "./server.js";
import { createSseHub } from "./sse.js";
import { loadStaticFiles } from "./static-files.js";
import { DEFAULT_INSPECTOR_HOST, DEFAULT_INSPECTOR_PORT, type Inspector, type InspectorOptions } from "./types.js";

export type { Inspector, InspectorActions, InspectorOptions, ReplayResult } from "./types.js";
export { DEFAULT_INSPECTOR_HOST, DEFAULT_INSPECTOR_PORT } from "./types.js";

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startInspector(options: InspectorOptions): Promise<Inspector> {
  const host = options.host ?? DEFAULT_INSPECTOR_HOST;
  const files = await loadStaticFiles();
  const token = newToken();
  const sse = createSseHub(options.bus, options.feed ? { feed: options.feed, reader: options.store } : undefined);

  // The cookie name and Host allow-list need the bound port, which is only known after listen().
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  // Inspector requests are small; a slow client must not hold a socket forever (SSE is exempt: no timeout there).
  server.headersTimeout = 10_000;
  server.requestTimeout = 0;

  let port: number;
  try {
    port = await listenWithFallback(server, host, options.port ?? DEFAULT_INSPECTOR_PORT);
  } catch (err) {
    sse.close();
    throw err;
  }
  const guard: Guard = createGuard(token, host, port);
  const ctx: RouterContext = { store: options.store, actions: options.actions, endpointUrl: options.endpointUrl, provider: options.provider, listener: options.listener, guard, files, sse };
  handler = createRequestHandler(ctx);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        sse.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
