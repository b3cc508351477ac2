// Integration tests for the SDK's hangs: close() on a silent edge, and forward() when auth is never answered.
// Own file (own process): after a hung forward() the SDK keeps its session lock, so later opens would hang too.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openNgrokTunnel } from "../../../src/tunnel/index.js";
import { startFakeNgrokEdge, type FakeNgrokEdge } from "../../support/fake-ngrok-edge.js";
import { startLocalApp, type LocalApp } from "./local-app.js";

describe("tunnel timeouts", () => {
  let app: LocalApp;
  let edge: FakeNgrokEdge;
  before(async () => {
    app = await startLocalApp();
  });
  after(async () => {
    await edge?.close();
    await app.close();
  });

  it("close() resolves within closeTimeoutMs when the edge never answers Unbind", { timeout: 30_000 }, async () => {
    edge = await startFakeNgrokEdge({ neverAnswerUnbind: true });
    const logs: string[] = [];
    const tunnel = await openNgrokTunnel({ addr: app.addr, authtoken: "tok", env: edge.env, closeTimeoutMs: 300, onLog: (l) => logs.push(l) });
    const started = performance.now();
    await tunnel.close();
    const ms = performance.now() - started;
    // Only the give-up can end it (the edge never answers): it waited for closeTimeoutMs first.
    assert.ok(ms >= 250, `closed in ${Math.round(ms)} ms`);
    assert.equal(edge.rpcsOf("unbind").length >= 1, true, "Unbind was sent");
    assert.ok(logs.some((l) => /took over 300 ms/.test(l)), "the give-up is logged");
    // Let the agent finish its shutdown (and drop its session) before the process ends.
    edge.releaseUnbinds();
    await edge.close();
  });

  it("rejects within connectTimeoutMs with exit 4 when the edge never answers auth", { timeout: 30_000 }, async () => {
    edge = await startFakeNgrokEdge({ neverAnswerAuth: true });
    const started = performance.now();
    await assert.rejects(openNgrokTunnel({ addr: app.addr, authtoken: "tok", env: edge.env, connectTimeoutMs: 1_000 }), {
      name: "ZoomhookError",
      code: "ngrok_connect_timeout",
      exitCode: 4,
      hint: /--no-tunnel/,
    });
    const ms = performance.now() - started;
    assert.ok(ms >= 950, `rejected after ${Math.round(ms)} ms`);
    await edge.waitFor(() => edge.rpcsOf("auth").length === 1, "the Auth request");
  });
});
