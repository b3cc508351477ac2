// The inspector's HTTP front door: Host check, token → cookie, then static files, SSE and the API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleApi, type ApiContext } from "./api.js";
import type { Guard } from "./auth.js";
import { securityHeaders, sendError, sendText } from "./http-util.js";
import type { SseHub } from "./sse.js";
import { renderIndex, type StaticFile } from "./static-files.js";

export interface RouterContext extends ApiContext {
  guard: Guard;
  files: Map<string, StaticFile>;
  sse: SseHub;
}

const FORBIDDEN_PAGE =
  "403 Forbidden\n\nThis zoomhook inspector only answers the link printed by `zoomhook listen`\n" +
  "(http://127.0.0.1:<port>/?token=…). Open that link again; the token changes every session.\n";

function serveStatic(ctx: RouterContext, req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (path === "/" || path === "/index.html") {
    const index = ctx.files.get("index.html");
    if (!index) return false;
    const body = renderIndex(index.body, ctx.guard.token);
    res.writeHead(200, { "Content-Type": index.type, "Content-Length": body.length, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }
  if (!path.startsWith("/static/")) return false;
  const file = ctx.files.get(path.slice("/static/".length));
  if (!file) return false;
  // Revalidate every time: the files are tiny and a stale script after an upgrade is worse than a request.
  res.writeHead(200, { "Content-Type": file.type, "Content-Length": file.body.length, "Cache-Control": "no-cache" });
  res.end(req.method === "HEAD" ? undefined : file.body);
  return true;
}

async function route(ctx: RouterContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  securityHeaders(res);
  if (!ctx.guard.hostAllowed(req)) return sendText(res, 403, "403 Forbidden: unexpected Host header.\n");
  const url = new URL(req.url ?? "/", "http://inspector.invalid");
  const queryToken = url.searchParams.get("token");
  const tokenInQuery = queryToken !== null && ctx.guard.matches(queryToken);
  if (!tokenInQuery && !ctx.guard.authenticated(req)) return sendText(res, 403, FORBIDDEN_PAGE);

  if (tokenInQuery) {
    res.setHeader("Set-Cookie", ctx.guard.setCookie());
    if (!url.pathname.startsWith("/api/") && (req.method === "GET" || req.method === "HEAD")) {
      // Strip the token from the address bar and history; the cookie carries it from now on.
      url.searchParams.delete("token");
      res.writeHead(303, { Location: url.pathname + url.search, "Cache-Control": "no-store" });
      res.end();
      return;
    }
  }

  if (url.pathname === "/api/events" && req.method === "GET") return ctx.sse.attach(req, res);
  if (url.pathname.startsWith("/api/")) {
    if (!(await handleApi(ctx, req, res, url))) sendError(res, 404, "no such route");
    return;
  }
  if ((req.method === "GET" || req.method === "HEAD") && serveStatic(ctx, req, res, url.pathname)) return;
  sendText(res, 404, "404 Not Found\n");
}

export function createRequestHandler(ctx: RouterContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, (err as Error).message);
    });
  };
}
