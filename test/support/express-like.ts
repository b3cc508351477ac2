// What an Express app with body-parser does around a handler, emulated on node:http for fixture endpoints
// (no Express dependency): body limit (100 KB default), JSON parsing, routing, and the default error pages.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** body-parser's default `limit: "100kb"`, in bytes. */
export const BODY_PARSER_DEFAULT_LIMIT = 100 * 1024;

export interface ExpressLikeRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The raw bytes (what express.raw() gives). */
  raw: Buffer;
  /** What express.json() leaves in req.body: {} when there was no JSON body. */
  body: unknown;
}

export type Handler = (req: ExpressLikeRequest, res: ServerResponse) => void | Promise<void>;

export interface ExpressLikeOptions {
  /** Routes by "METHOD /path". */
  routes: Record<string, Handler>;
  limitBytes?: number;
  /** express.json() (parse) or express.raw() (keep bytes only). */
  parser?: "json" | "raw";
}

/** Express's plain HTML error page, as its final handler writes it. */
export function errorPage(res: ServerResponse, status: number, text: string): void {
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${text}</pre>\n</body>\n</html>\n`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "x-powered-by": "Express" }).end(html);
}

function isJson(req: IncomingMessage): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers["content-type"] ?? "");
}

export function expressLike(options: ExpressLikeOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.limitBytes ?? BODY_PARSER_DEFAULT_LIMIT;
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = (req.url ?? "/").split("?")[0]!;
      // The parser runs before routing (app.use), for every request with a JSON body.
      const hasBody = size > 0 && isJson(req);
      if (hasBody && tooLarge) return errorPage(res, 413, "PayloadTooLargeError: request entity too large");
      const raw = Buffer.concat(chunks);
      let body: unknown = {};
      if (hasBody && options.parser !== "raw") {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch (err) {
          return errorPage(res, 400, `SyntaxError: ${(err as Error).message}`);
        }
      }
      const handler = options.routes[`${method} ${path}`];
      if (!handler) return errorPage(res, 404, `Cannot ${method} ${path}`);
      Promise.resolve()
        .then(() => handler({ method, path, headers: req.headers, raw, body }, res))
        .catch((err: unknown) => {
          // Express's final handler: 500 and the error's name and message (the stack only outside production).
          if (!res.headersSent) errorPage(res, 500, `${(err as Error).name}: ${(err as Error).message}`);
        });
    });
  };
}

export interface RunningEndpoint {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1, port 0; the URL is the webhook path on it. */
export function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, path: string): Promise<RunningEndpoint> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${path}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
