// `listen --via websocket` in-process against a fake Zoom: events reach the store, the bus, the inspector and a
// forwarded app that verifies signatures; token refresh, drop and reconnect, takeover, bad credentials, bad frames.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { startListen, type ListenConfig, type ListenSession } from "../../../src/session/listen.js";
import { createBus, type SessionEvent } from "../../../src/shared/bus.js";
import { verifySignature } from "../../../src/providers/zoom/signature.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { openStoreReader } from "../../../src/store/index.js";
import { startFakeZoom, type FakeZoom } from "../../support/fake-zoom.js";

const SECRET = "ws-bridge-secret";
const EVENT = { event: "meeting.started", event_ts: 1_750_000_000_000, payload: { account_id: "acc", object: { id: 123, topic: "Standup ☕" } } };

interface AppHit {
  body: string;
  verdict: string;
  headers: Record<string, string | string[] | undefined>;
}

describe("listen --via websocket", () => {
  let dir: string;
  let app: Server;
  let appUrl: string;
  const hits: AppHit[] = [];
  let zoom: FakeZoom;
  let session: ListenSession | undefined;
  let events: SessionEvent[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "zoomhook-ws-"));
    // The developer's webhook handler: verifies over the raw bytes, as a correct app does.
    app = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d));
      req.on("end", () => {
        const v = verifySignature({ secret: SECRET, timestamp: String(req.headers["x-zm-request-timestamp"] ?? ""), signature: String(req.headers["x-zm-signature"] ?? ""), body });
        hits.push({ body, verdict: v.verification, headers: req.headers });
        res.writeHead(v.verification === "valid" ? 200 : 401, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/zoom`;
  });
  after(async () => {
    await new Promise<void>((r) => app.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await zoom?.close();
  });

  const start = async (o: { tokenSeconds?: number; credentials?: Partial<{ clientId: string; clientSecret: string; accountId: string }>; forward?: boolean; store?: string } = {}) => {
    zoom = await startFakeZoom({ tokenSeconds: o.tokenSeconds });
    const bus = createBus();
    events = [];
    bus.on((e) => events.push(e));
    const config: ListenConfig = {
      host: "127.0.0.1",
      port: 0,
      portExplicit: true,
      path: "/webhook",
      secret: SECRET,
      toleranceSeconds: 300,
      maxBody: 1024 * 1024,
      forward: o.forward === false ? undefined : { to: appUrl, routes: [], forwardCrc: false, timeoutMs: 5000 },
      store: o.store ? { spec: o.store } : false,
      inspect: o.store ? { host: "127.0.0.1", port: 0 } : false,
      tunnel: false,
      cwd: dir,
      websocket: {
        subscriptionId: "sub_fake_1",
        credentials: { clientId: "fake-client-id", clientSecret: "fake-client-secret", accountId: "fake-account", ...o.credentials },
        oauthUrl: zoom.oauthUrl,
        wsUrl: zoom.wsUrl,
        heartbeatMs: 50,
        retryMs: 20,
      },
    };
    session = await startListen(config, { bus, env: { ...process.env, ZOOMHOOK_STATE_DIR: join(dir, "state") } });
    return session;
  };
  const requests = () => events.filter((e): e is Extract<SessionEvent, { type: "request" }> => e.type === "request");
  const waitFor = async (what: string, check: () => boolean, timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`${what} did not happen; events: ${JSON.stringify(events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it("an event frame is captured verbatim, shown, and forwarded signed with the secret so the app's verification passes", async () => {
    const store = join(dir, "store-a");
    const s = await start({ store });
    assert.equal(s.ready.via, "websocket");
    assert.equal(s.ready.publicUrl, null);
    assert.equal(zoom.grants[0], "grant_type=account_credentials&account_id=fake-account");
    zoom.push(EVENT);
    await waitFor("the request event", () => requests().length === 1);
    const r = requests()[0]!.capture;
    assert.deepEqual([r.event, r.via, r.verification, r.status, r.forward?.status], ["meeting.started", "websocket", "unverified", 200, 200]);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.verdict, "valid");
    assert.equal(hits[0]!.body, JSON.stringify(EVENT));
    assert.equal(hits[0]!.headers["user-agent"], "Zoom Marketplace/1.0a");
    await waitFor("a heartbeat", () => zoom.heartbeats > 0);
    // The inspector lists it as a WebSocket delivery.
    const inspector = new URL(s.ready.inspectorUrl!);
    const api = await fetch(new URL("/api/captures", inspector), { headers: { "x-zoomhook-token": inspector.searchParams.get("token")! } });
    const listed = (await api.json()) as { items?: Array<{ via?: string }>; captures?: Array<{ via?: string }> };
    assert.equal((listed.items ?? listed.captures)?.[0]?.via, "websocket");
    await s.close();
    session = undefined;
    const reader = await openStoreReader({ dir: store });
    const c = await reader.get("last");
    await reader.close();
    assert.equal(c?.origin?.via, "websocket");
    assert.equal(c?.origin?.resigned, true);
    assert.equal(c?.origin?.frame, JSON.stringify({ module: "message", content: JSON.stringify(EVENT) }));
    assert.equal(c?.body.toString(), JSON.stringify(EVENT));
  });

  it("a malformed frame is kept and shown, never forwarded, and nothing crashes", async () => {
    hits.length = 0;
    await start();
    zoom.pushRaw("this is not json");
    zoom.pushRaw('{"module":"notice","text":"hi"}');
    zoom.push(EVENT);
    await waitFor("three request events", () => requests().length === 3);
    assert.deepEqual(requests().map((e) => [e.capture.kind, e.capture.via]), [["malformed", "websocket"], ["malformed", "websocket"], ["event", "websocket"]]);
    assert.equal(hits.length, 1, "only the event reached the app");
  });

  it("a dropped connection is announced, reconnected with the same token, and events flow again", async () => {
    await start({ forward: false });
    zoom.drop();
    await waitFor("lost", () => events.some((e) => e.type === "websocket" && e.status === "lost"));
    await waitFor("reconnected", () => events.some((e) => e.type === "websocket" && e.status === "reconnected"));
    const lost = events.find((e) => e.type === "websocket" && e.status === "lost") as { message: string };
    assert.match(lost.message, /never delivered/);
    await zoom.waitForConnection(2);
    zoom.push(EVENT);
    await waitFor("an event after the reconnect", () => requests().length === 1);
    assert.equal(zoom.tokens.length, 1);
  });

  it("refreshes a token before it expires, and reconnects with the new one when the old is refused", async () => {
    await start({ forward: false, tokenSeconds: 2 });
    await waitFor("a refreshed token", () => zoom.tokens.length >= 2, 10_000);
    zoom.expireTokens();
    await waitFor("reconnected", () => events.some((e) => e.type === "websocket" && e.status === "reconnected"));
    zoom.push(EVENT);
    await waitFor("an event after the refresh", () => requests().length === 1);
  });

  it("a connection taken over by another consumer is named as such and not fought for", async () => {
    await start({ forward: false });
    const before = zoom.connections;
    zoom.takeOver();
    await waitFor("taken_over", () => events.some((e) => e.type === "websocket" && e.status === "taken_over"));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(zoom.connections, before, "no reconnect after a takeover");
  });

  it("bad credentials and a wrong account fail start-up with a plain config error (exit 3)", async () => {
    await assert.rejects(start({ credentials: { clientSecret: "wrong" } }), (err: unknown) => {
      assert.ok(isZoomhookError(err));
      assert.equal(err.exitCode, 3);
      assert.match(err.message, /refused the client credentials/);
      assert.match(err.hint ?? "", /ZOOM_CLIENT_SECRET/);
      return true;
    });
    await zoom.close();
    await assert.rejects(start({ credentials: { accountId: "other" } }), (err: unknown) => isZoomhookError(err) && err.code === "zoom_bad_account");
  });
});
