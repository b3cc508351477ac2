// Benchmark: an event from a Zoom WebSocket subscription (fake Zoom on loopback) reaching the developer's app,
// vs the same event sent as a webhook to the same listener. Target: the WebSocket path adds under 5 ms per event.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startListen } from "../src/session/listen.js";
import { createBus } from "../src/shared/bus.js";
import { zoomHeaders } from "../src/providers/zoom/headers.js";
import { startFakeZoom } from "../test/support/fake-zoom.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const N = Number(process.env.BENCH_REQUESTS ?? 300);
const SECRET = "bench-ws-secret";
const BENCH = "websocket-relay";

const dir = mkdtempSync(join(tmpdir(), "zoomhook-bench-ws-"));
let arrived: ((id: number) => void) | undefined;
const app = createServer((req, res) => {
  let body = "";
  req.on("data", (d: Buffer) => (body += d));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    arrived?.((JSON.parse(body) as { payload: { object: { id: number } } }).payload.object.id);
  });
});
await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
const zoom = await startFakeZoom();
const session = await startListen(
  {
    host: "127.0.0.1",
    port: 0,
    portExplicit: true,
    path: "/webhook",
    secret: SECRET,
    toleranceSeconds: 300,
    maxBody: 1024 * 1024,
    forward: { to: `http://127.0.0.1:${(app.address() as AddressInfo).port}/zoom`, routes: [], forwardCrc: false, timeoutMs: 5000 },
    store: { spec: join(dir, "store") },
    inspect: false,
    tunnel: false,
    cwd: dir,
    websocket: { subscriptionId: "sub_fake_1", credentials: { clientId: "fake-client-id", clientSecret: "fake-client-secret", accountId: "fake-account" }, oauthUrl: zoom.oauthUrl, wsUrl: zoom.wsUrl },
  },
  { bus: createBus(), env: { ...process.env, ZOOMHOOK_STATE_DIR: join(dir, "state") } },
);
const event = (id: number) => ({ event: "meeting.started", event_ts: Date.now(), payload: { account_id: "acc", object: { id, topic: "Bench" } } });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const until = (id: number) => new Promise<void>((resolve) => (arrived = (got) => got === id && resolve()));

async function viaWebsocket(id: number): Promise<number> {
  const done = until(id);
  const t = performance.now();
  zoom.push(event(id));
  await done;
  return performance.now() - t;
}

async function viaWebhook(id: number): Promise<number> {
  const body = JSON.stringify(event(id));
  const done = until(id);
  const headers = zoomHeaders({ body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
  const t = performance.now();
  const answered = new Promise<void>((resolve, reject) => {
    const req = request(session.ready.localUrl, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end(body);
  });
  await done; // the same finish line as the WebSocket path: the app has the event
  const ms = performance.now() - t;
  await answered;
  return ms;
}

const ws: number[] = [];
const hook: number[] = [];
for (let i = 0; i < 30; i++) {
  await viaWebsocket(i);
  await viaWebhook(i + 1_000_000);
}
// Alternate so load on the machine falls on both paths alike.
for (let i = 0; i < N; i++) {
  ws.push(await viaWebsocket(10_000 + i));
  hook.push(await viaWebhook(20_000 + i));
}
const wsMs = median(ws);
const hookMs = median(hook);
note(`${BENCH}: ${N} events each; median to the app: websocket ${fmt(wsMs, 2)} ms, webhook ${fmt(hookMs, 2)} ms; added by the WebSocket path ${fmt(wsMs - hookMs, 2)} ms (target < 5 ms)`);
ratioLine(BENCH, "WebSocket event to the app vs the same event as a webhook (median)", wsMs, "webhook", hookMs, "ms", "≤", (hookMs + 5) / hookMs, 2);
agent.destroy();
await session.close();
await zoom.close();
await new Promise<void>((r) => app.close(() => r()));
rmSync(dir, { recursive: true, force: true });
