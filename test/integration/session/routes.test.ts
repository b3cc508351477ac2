// A listen session routes each event to the app its config names, answers the CRC itself, and refuses to forward to itself.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { request } from "undici";
import { createBus, type SessionEvent } from "../../../src/shared/bus.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { startListen, type ListenConfig } from "../../../src/session/listen.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { computeEncryptedToken } from "../../../src/providers/zoom/crc.js";

const SECRET = "routes_secret";
const apps: Array<{ name: string; server: Server; url: string; got: string[] }> = [];
let state: string;

before(async () => {
  state = await mkdtemp(join(tmpdir(), "zoomhook-routes-"));
  for (const name of ["meetings", "recordings", "fallback"]) {
    const got: string[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        got.push((JSON.parse(body) as { event: string }).event);
        res.writeHead(202, { "content-type": "application/json", "x-app": name }).end(JSON.stringify({ app: name }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    apps.push({ name, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`, got });
  }
});

after(async () => {
  for (const a of apps) await new Promise((r) => a.server.close(r));
  await rm(state, { recursive: true, force: true });
});

function config(overrides: Partial<ListenConfig> = {}): ListenConfig {
  const [meetings, recordings, fallback] = apps;
  return {
    host: "127.0.0.1",
    port: 0,
    portExplicit: true,
    path: "/webhook",
    secret: SECRET,
    toleranceSeconds: 300,
    maxBody: 1024 * 1024,
    forward: {
      to: fallback!.url,
      routes: [
        { event: "meeting.*", url: meetings!.url },
        { event: "recording.completed", url: recordings!.url },
      ],
      forwardCrc: false,
      timeoutMs: 5000,
    },
    store: false,
    inspect: false,
    tunnel: false,
    cwd: state,
    ...overrides,
  };
}

async function post(url: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const res = await request(url, { method: "POST", body, headers: zoomHeaders({ body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }) });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

test("events go to the first matching route, else to --forward-to; the app's answer comes back", async () => {
  const bus = createBus();
  const seen: SessionEvent[] = [];
  bus.on((e) => seen.push(e));
  const session = await startListen(config(), { bus, env: { ...process.env, ZOOMHOOK_STATE_DIR: state } });
  try {
    const url = session.ready.localUrl;
    const started = await post(url, { event: "meeting.started", event_ts: Date.now(), payload: {} });
    assert.equal(started.status, 202);
    assert.equal(started.headers["x-app"], "meetings");
    assert.deepEqual(JSON.parse(started.text), { app: "meetings" });
    assert.equal((await post(url, { event: "recording.completed", event_ts: Date.now(), payload: {} })).headers["x-app"], "recordings");
    assert.equal((await post(url, { event: "user.created", event_ts: Date.now(), payload: {} })).headers["x-app"], "fallback");
    const crc = await post(url, { payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" }, event_ts: Date.now(), event: "endpoint.url_validation" });
    assert.equal(crc.status, 200);
    assert.equal((JSON.parse(crc.text) as { encryptedToken: string }).encryptedToken, computeEncryptedToken(SECRET, "qgg8vlvZRS6UYooatFL8Aw"));
    assert.ok(!apps.some((a) => a.got.includes("endpoint.url_validation")), "zoomhook answers the CRC itself when it knows the secret");
    const lines = seen.filter((e) => e.type === "request");
    assert.equal(lines.length, 4);
  } finally {
    await session.close();
  }
});

test("--forward-crc hands the CRC to the app", async () => {
  const session = await startListen(config({ forward: { to: apps[2]!.url, routes: [], forwardCrc: true, timeoutMs: 5000 } }), {
    bus: createBus(),
    env: { ...process.env, ZOOMHOOK_STATE_DIR: state },
  });
  try {
    const crc = await post(session.ready.localUrl, { payload: { plainToken: "abc" }, event_ts: Date.now(), event: "endpoint.url_validation" });
    assert.equal(crc.headers["x-app"], "fallback");
    assert.ok(apps[2]!.got.includes("endpoint.url_validation"));
  } finally {
    await session.close();
  }
});

test("forwarding to zoomhook's own receiver is refused with a usage error, and nothing is left listening", async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  await assert.rejects(
    startListen(config({ port, forward: { to: `http://localhost:${port}/webhook`, routes: [], forwardCrc: false, timeoutMs: 1000 } }), {
      bus: createBus(),
      env: { ...process.env, ZOOMHOOK_STATE_DIR: state },
    }),
    (err: unknown) => isZoomhookError(err) && err.exitCode === 2 && err.code === "forward_loop",
  );
  // The port was released: a server can bind it again.
  const again = createServer();
  await new Promise<void>((resolve, reject) => {
    again.once("error", reject);
    again.listen(port, "127.0.0.1", resolve);
  });
  await new Promise((r) => again.close(r));
});
