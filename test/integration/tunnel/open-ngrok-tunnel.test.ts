// Integration tests: the real @ngrok/ngrok SDK, driven by openNgrokTunnel, against the fake ngrok edge.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { openNgrokTunnel, type Tunnel, type TunnelStatus } from "../../../src/tunnel/index.js";
import { startFakeNgrokEdge, type FakeNgrokEdge } from "../../support/fake-ngrok-edge.js";
import { parseResponse, rawPost, startLocalApp, type LocalApp } from "./local-app.js";

// Generous but bounded: a loaded 2-core machine can be slow to start the native agent.
const T = { timeout: 30_000 };

describe("openNgrokTunnel against the fake edge", () => {
  let app: LocalApp;
  let edge: FakeNgrokEdge;
  // One tunnel at a time, always closed: closing the last tunnel also drops the SDK's session.
  let tunnel: Tunnel | undefined;

  before(async () => {
    app = await startLocalApp();
  });
  afterEach(async () => {
    await tunnel?.close();
    tunnel = undefined;
    await edge?.close();
  });
  after(() => app.close());

  it("opens a tunnel whose URL is the Bind reply's and proxies a request both ways", T, async () => {
    edge = await startFakeNgrokEdge({ urlFor: () => "https://abc123.ngrok-free.app" });
    tunnel = await openNgrokTunnel({ addr: app.addr, authtoken: "tok_test", env: edge.env });
    assert.equal(tunnel.url, "https://abc123.ngrok-free.app");
    assert.equal(edge.rpcsOf("auth")[0]?.Extra?.AuthToken, "tok_test");
    const bind = edge.rpcsOf("bind")[0];
    assert.equal(bind?.Proto, "https");
    assert.ok(!bind?.Opts?.Domain, "no domain asked for");
    assert.ok(!bind?.Opts?.TrafficPolicy, "no traffic policy asked for");

    const res = parseResponse(await edge.request(rawPost("/webhook?x=1", '{"event":"meeting.started"}')));
    assert.equal(res.status, 201);
    assert.equal(res.body, 'got POST /webhook?x=1 {"event":"meeting.started"}');
    assert.equal(app.seen.at(-1)?.body, '{"event":"meeting.started"}');
  });

  it("sends domain and the Zoom verify-webhook traffic policy in the Bind request", T, async () => {
    edge = await startFakeNgrokEdge();
    tunnel = await openNgrokTunnel({ addr: app.addr, authtoken: "tok", domain: "zoomy.ngrok-free.app", verifyWebhook: { provider: "zoom", secret: "zm-secret" }, env: edge.env });
    assert.equal(tunnel.url, "https://zoomy.ngrok-free.app");
    const opts = edge.rpcsOf("bind")[0]?.Opts;
    assert.equal(opts?.Domain, "zoomy.ngrok-free.app");
    assert.deepEqual(JSON.parse(opts?.TrafficPolicy), {
      on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider: "zoom", secret: "zm-secret" } }] }],
    });
    // The deprecated module is not sent alongside the policy.
    assert.equal(opts?.WebhookVerification, null);
  });

  it("an auth error becomes an exit-3 ZoomhookError with the authtoken hint", T, async () => {
    edge = await startFakeNgrokEdge({ authError: "ERR_NGROK_107" });
    await assert.rejects(openNgrokTunnel({ addr: app.addr, authtoken: "bad", env: edge.env }), (err: unknown) => {
      const e = err as { name: string; code: string; exitCode: number; hint?: string; details?: Record<string, unknown> };
      assert.equal(e.name, "ZoomhookError");
      assert.equal(e.exitCode, 3);
      assert.equal(e.code, "ngrok_bad_authtoken");
      assert.equal(e.details?.ngrokCode, "ERR_NGROK_107");
      assert.match(e.hint ?? "", /dashboard\.ngrok\.com\/get-started\/your-authtoken/);
      return true;
    });
    assert.equal(edge.rpcsOf("bind").length, 0);
  });

  it("an endpoint already online becomes exit 3 with its hint", T, async () => {
    edge = await startFakeNgrokEdge({ bindError: "ERR_NGROK_334" });
    await assert.rejects(openNgrokTunnel({ addr: app.addr, authtoken: "tok", domain: "taken.ngrok-free.app", env: edge.env }), {
      name: "ZoomhookError",
      code: "ngrok_endpoint_online",
      exitCode: 3,
      hint: /another zoomhook or ngrok running/,
    });
  });

  it("reports closed then connected across a dropped connection, and proxies again", T, async () => {
    edge = await startFakeNgrokEdge();
    const statuses: TunnelStatus[] = [];
    tunnel = await openNgrokTunnel({ addr: app.addr, authtoken: "tok", env: edge.env, onStatus: (s) => statuses.push(s) });
    await edge.waitFor(() => statuses.includes("connected"), "first connected");
    const url = tunnel.url;
    edge.dropConnections();
    await edge.waitFor(() => statuses.lastIndexOf("connected") > statuses.indexOf("closed") && statuses.includes("closed"), "closed then connected", 20_000);
    await edge.waitFor(() => edge.rpcsOf("bind").length >= 2, "re-bind", 20_000);
    // The agent re-binds with its old tunnel Id and gets the same URL.
    assert.equal(edge.rpcsOf("bind")[1]?.Id, "tn_fake1");
    const res = parseResponse(await edge.request(rawPost("/again", "{}"), { url, timeoutMs: 20_000 }));
    assert.equal(res.status, 201);
    assert.equal(res.body, "got POST /again {}");
  });

  it("close() unbinds the tunnel and resolves once the edge has answered", T, async () => {
    edge = await startFakeNgrokEdge();
    const logs: string[] = [];
    const opened = await openNgrokTunnel({ addr: app.addr, authtoken: "tok", env: edge.env, onLog: (l) => logs.push(l) });
    await opened.close();
    assert.deepEqual(edge.rpcsOf("unbind")[0], { Id: "tn_fake1" });
    // It did not get there by giving up (that path is tested against a silent edge in tunnel-timeouts).
    assert.equal(logs.some((l) => /took over/.test(l)), false);
    await opened.close(); // idempotent
  });
});
