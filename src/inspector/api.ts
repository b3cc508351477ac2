// The inspector's JSON API: paged list, detail, curl, fixture download, replay and clear.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CaptureReader, ListenerIdentity, SharedStoreQuery } from "../shared/capture.js";
import { KINDS, VERIFICATIONS, type Kind, type Verification } from "../shared/vocabulary.js";
import type { Guard } from "./auth.js";
import { fixtureFileName, toCaptureView } from "./capture-view.js";
import { toCurl } from "./curl.js";
import { readBody, sendError, sendJson, sendText } from "./http-util.js";
import type { InspectorActions } from "./types.js";
import { getProvider, providerNames } from "../providers/registry.js";

export interface ApiContext {
  store: CaptureReader;
  actions: InspectorActions;
  guard: Guard;
  endpointUrl?: string;
  /** The listener's provider. */
  provider?: string;
  /** This listener, as a shared store records it with its captures. */
  listener?: ListenerIdentity;
}

// A listener per CI job adds up: the menu offers the most recent ones.
const MAX_LISTENERS = 100;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
// An edited Zoom payload is a few KB; this only stops a runaway paste from eating memory.
const MAX_EDIT_BYTES = 8 * 1024 * 1024;

function parseQuery(params: URLSearchParams, shared: boolean): SharedStoreQuery | string {
  const query: SharedStoreQuery = {};
  const limit = params.get("limit");
  const n = limit === null || limit === "" ? DEFAULT_LIMIT : Number(limit);
  if (!Number.isInteger(n) || n < 1) return `limit must be a positive integer (got "${limit}")`;
  query.limit = Math.min(n, MAX_LIMIT);
  const before = params.get("before");
  if (before) query.before = before;
  const event = params.get("event")?.trim();
  if (event) query.event = event;
  const verification = params.get("verification");
  if (verification) {
    if (!VERIFICATIONS.includes(verification as Verification)) return `verification must be one of ${VERIFICATIONS.join(", ")}`;
    query.verification = verification as Verification;
  }
  const kind = params.get("kind");
  if (kind) {
    if (!KINDS.includes(kind as Kind)) return `kind must be one of ${KINDS.join(", ")}`;
    query.kind = kind as Kind;
  }
  const listener = params.get("listener")?.trim();
  if (listener) {
    if (!shared) return "listener filters a shared (postgres://) store; this store has one listener";
    query.listener = listener;
  }
  return query;
}

async function list(ctx: ApiContext, params: URLSearchParams, res: ServerResponse): Promise<void> {
  const query = parseQuery(params, ctx.store.listeners !== undefined);
  if (typeof query === "string") return sendError(res, 400, query);
  const [items, total, damage] = await Promise.all([ctx.store.list(query), ctx.store.count(), ctx.store.damage?.()]);
  const nextBefore = items.length === query.limit ? items[items.length - 1].id : null;
  // Records the store skipped as unreadable: the list says so rather than silently showing fewer.
  sendJson(res, 200, { items, total, nextBefore, damage: damage ?? { records: 0, bytes: 0, spots: [] } });
}

async function replay(ctx: ApiContext, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: string | undefined;
  try {
    const text = await readBody(req, MAX_EDIT_BYTES);
    if (text.trim() !== "") {
      const payload = JSON.parse(text) as { body?: unknown };
      if (payload.body !== undefined && typeof payload.body !== "string") return sendError(res, 400, '"body" must be a string');
      body = payload.body;
    }
  } catch (err) {
    return sendError(res, 400, `the request is not valid JSON: ${(err as Error).message}`);
  }
  if (body !== undefined) {
    try {
      JSON.parse(body);
    } catch (err) {
      // The listener re-signs whatever it is given; a broken edit would only teach the user about a typo later.
      return sendError(res, 400, `The edited body is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!(await ctx.store.get(id))) return sendError(res, 404, `no capture ${id}`);
  try {
    const result = await ctx.actions.replay(id, body === undefined ? undefined : { body });
    sendJson(res, 200, result);
  } catch (err) {
    sendError(res, 502, (err as Error).message);
  }
}

function decodeId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** What the browser needs to know of each provider: its name for people, its answer budget, whether it signs a timestamp. */
function providerFacts(): Record<string, { title: string; answerBudgetMs: number; replayWindow: boolean }> {
  const out: Record<string, { title: string; answerBudgetMs: number; replayWindow: boolean }> = {};
  for (const name of providerNames()) {
    const p = getProvider(name);
    out[name] = { title: p.title, answerBudgetMs: p.rules.answerBudgetMs, replayWindow: p.rules.replayWindow };
  }
  return out;
}

/** Handles /api/*; returns false when no route matched. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const method = req.method ?? "GET";
  const path = url.pathname;
  const mutation = path === "/api/clear" || /^\/api\/captures\/[^/]+\/replay$/.test(path);
  if (mutation) {
    if (method !== "POST") {
      res.setHeader("Allow", "POST");
      sendError(res, 405, "use POST");
      return true;
    }
    if (!ctx.guard.mutationAllowed(req)) {
      sendError(res, 403, "missing or wrong x-zoomhook-token header");
      return true;
    }
    if (path === "/api/clear") {
      await ctx.actions.clear();
      sendJson(res, 200, { ok: true });
    } else {
      const id = decodeId(path.split("/")[3]);
      if (id === undefined) sendError(res, 400, "malformed capture id");
      else await replay(ctx, id, req, res);
    }
    return true;
  }
  if (method !== "GET" && method !== "HEAD") {
    res.setHeader("Allow", "GET");
    sendError(res, 405, "use GET");
    return true;
  }
  if (path === "/api/captures") {
    await list(ctx, url.searchParams, res);
    return true;
  }
  if (path === "/api/info") {
    sendJson(res, 200, {
      endpointUrl: ctx.endpointUrl ?? null, total: await ctx.store.count(), provider: ctx.provider ?? "zoom", providers: providerFacts(),
      shared: ctx.store.listeners !== undefined, listener: ctx.listener ?? null,
    });
    return true;
  }
  if (path === "/api/listeners") {
    sendJson(res, 200, { listeners: (await ctx.store.listeners?.(MAX_LISTENERS)) ?? [] });
    return true;
  }
  const m = /^\/api\/captures\/([^/]+)(?:\/(curl|fixture))?$/.exec(path);
  if (!m) return false;
  const id = decodeId(m[1]);
  if (id === undefined) {
    sendError(res, 400, "malformed capture id");
    return true;
  }
  const capture = await ctx.store.get(id);
  if (!capture) {
    sendError(res, 404, `no capture ${m[1]}`);
    return true;
  }
  const reveal = url.searchParams.get("reveal") === "1";
  if (m[2] === "curl") sendText(res, 200, toCurl(capture, ctx.endpointUrl, reveal));
  else if (m[2] === "fixture") {
    // The exact stored bytes: a fixture must verify exactly as Zoom's delivery did.
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": capture.body.length,
      "Content-Disposition": `attachment; filename="${fixtureFileName(capture)}"`,
      "Cache-Control": "no-store",
    });
    res.end(capture.body);
  } else sendJson(res, 200, toCaptureView(capture, reveal));
  return true;
}
