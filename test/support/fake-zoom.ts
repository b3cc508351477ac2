// A fake Zoom on loopback, written from Zoom's WebSocket docs: an OAuth token endpoint and the event WebSocket.
// It checks credentials, subscription id and token, records heartbeats, pushes frames, expires tokens,
// drops connections and takes a connection over (as a second consumer on the subscription would).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeZoomOptions {
  clientId?: string;
  clientSecret?: string;
  accountId?: string;
  subscriptionId?: string;
  /** expires_in of issued tokens, in seconds. */
  tokenSeconds?: number;
}

export interface FakeZoom {
  oauthUrl: string;
  wsUrl: string;
  env: Record<string, string>;
  /** Tokens issued so far, oldest first. */
  tokens: string[];
  /** The grant bodies received. */
  grants: string[];
  heartbeats: number;
  /** Connections accepted so far (open or not). */
  connections: number;
  /** Resolves when an authenticated connection is open (the n-th, counting from 1). */
  waitForConnection(n?: number, timeoutMs?: number): Promise<void>;
  waitForHeartbeat(timeoutMs?: number): Promise<void>;
  /** Sends a frame {module:"message", content: JSON.stringify(event)} to the open connection. */
  push(event: unknown): void;
  pushRaw(text: string): void;
  /** Ends the open connection abruptly (no close frame), as a network drop does. */
  drop(): void;
  /** Closes the open connection as replaced by a newer one. */
  takeOver(): void;
  /** Makes every token issued so far invalid and closes the connection using it. */
  expireTokens(): void;
  close(): Promise<void>;
}

export async function startFakeZoom(o: FakeZoomOptions = {}): Promise<FakeZoom> {
  const clientId = o.clientId ?? "fake-client-id";
  const clientSecret = o.clientSecret ?? "fake-client-secret";
  const accountId = o.accountId ?? "fake-account";
  const subscriptionId = o.subscriptionId ?? "sub_fake_1";
  const valid = new Set<string>();
  let current: WebSocket | undefined;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const state = { tokens: [] as string[], grants: [] as string[], heartbeats: 0, connections: 0, open: 0 };

  const http: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/oauth/token")) return void res.writeHead(404).end();
      state.grants.push(body);
      const auth = String(req.headers.authorization ?? "");
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
      const form = new URLSearchParams(body);
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (auth !== expected) return json(401, { reason: "Invalid client_id or client_secret", error: "invalid_client" });
      if (form.get("grant_type") === "account_credentials" && form.get("account_id") !== accountId) return json(400, { reason: "Invalid account_id", error: "invalid_request" });
      const token = `tok_${state.tokens.length + 1}_${Math.random().toString(36).slice(2)}`;
      state.tokens.push(token);
      valid.add(token);
      json(200, { access_token: token, token_type: "bearer", expires_in: o.tokenSeconds ?? 3599, scope: "marketplace:read:list_apps" });
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/ws") return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.connections++;
      if (url.searchParams.get("subscriptionId") !== subscriptionId) return void ws.close(4004, "subscription not found");
      const token = url.searchParams.get("access_token") ?? "";
      if (!valid.has(token)) return void ws.close(4003, "invalid access token");
      // A new connection for the same subscription replaces the previous one.
      if (current && current.readyState === current.OPEN) current.close(4000, "replaced by a new connection for this subscription");
      current = ws;
      state.open++;
      (ws as WebSocket & { token?: string }).token = token;
      ws.on("message", (data) => {
        const text = data.toString();
        if (text === '{"module":"heartbeat"}') {
          state.heartbeats++;
          ws.send(JSON.stringify({ module: "heartbeat", success: true }));
          wake();
        }
      });
      wake();
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const port = (http.address() as AddressInfo).port;
  const until = (check: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`fake Zoom: ${what} did not happen within ${timeoutMs} ms`));
      }, timeoutMs);
      const w = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(w);
        resolve();
      };
      waiters.add(w);
    });
  const openSocket = () => {
    if (!current || current.readyState !== current.OPEN) throw new Error("fake Zoom: no open connection");
    return current;
  };
  const oauthUrl = `http://127.0.0.1:${port}/oauth/token`;
  const wsUrl = `ws://127.0.0.1:${port}/ws`;
  return {
    oauthUrl,
    wsUrl,
    env: { ZOOMHOOK_ZOOM_OAUTH_URL: oauthUrl, ZOOMHOOK_ZOOM_WS_URL: wsUrl, ZOOM_CLIENT_ID: clientId, ZOOM_CLIENT_SECRET: clientSecret, ZOOM_ACCOUNT_ID: accountId },
    get tokens() {
      return state.tokens;
    },
    get grants() {
      return state.grants;
    },
    get heartbeats() {
      return state.heartbeats;
    },
    get connections() {
      return state.connections;
    },
    waitForConnection: (n = 1, timeoutMs = 10_000) => until(() => state.open >= n && current?.readyState === current?.OPEN, `connection ${n}`, timeoutMs),
    waitForHeartbeat: (timeoutMs = 10_000) => until(() => state.heartbeats > 0, "a heartbeat", timeoutMs),
    push: (event) => openSocket().send(JSON.stringify({ module: "message", content: JSON.stringify(event) })),
    pushRaw: (text) => openSocket().send(text),
    drop: () => openSocket().terminate(),
    takeOver: () => openSocket().close(4000, "replaced by a new connection for this subscription"),
    expireTokens: () => {
      valid.clear();
      current?.close(4003, "access token expired");
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => {
        http.close(() => r());
        http.closeAllConnections();
      });
    },
  };
}
