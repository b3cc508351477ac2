// E2E: `zoomhook url` against a tunnelled listener started through the real CLI and the fake edge.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { runCli, startListener } from "../support/cli.js";
import { makeTunnelWorld, spawnCli, type TunnelWorld } from "../support/tunnel-e2e.js";

const T = { timeout: 60_000 };

describe("url with a tunnelled listener (fake edge)", () => {
  let w: TunnelWorld;
  beforeEach(async () => {
    w = await makeTunnelWorld({ urlFor: () => "https://e2e-url.ngrok-free.app" });
  });
  afterEach(() => w.close());

  it("prints exactly the public endpoint URL, --local the local one, --json all of them", T, async () => {
    const l = await startListener(w.tunnelArgs, { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    const pub = await runCli(["url"], { env: w.env, cwd: w.cwd });
    assert.deepEqual([pub.code, pub.stdout, pub.stderr], [0, "https://e2e-url.ngrok-free.app/webhook\n", ""]);
    const local = await runCli(["url", "--local"], { env: w.env, cwd: w.cwd });
    assert.deepEqual([local.code, local.stdout], [0, `${l.ready.localUrl}\n`]);
    const json = await runCli(["url", "--json"], { env: w.env, cwd: w.cwd });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      publicUrl: "https://e2e-url.ngrok-free.app/webhook",
      localUrl: l.ready.localUrl,
      inspectorUrl: l.ready.inspectorUrl,
      pid: l.ready.pid,
      cwd: w.cwd,
    });
    assert.equal((await l.stop()).code, 0);
  });

  it("url --wait started before the listener returns once it is ready", T, async () => {
    const waiting = spawnCli(["url", "--wait", "20"], { env: w.env, cwd: w.cwd });
    const l = await startListener(w.tunnelArgs, { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    const done = await waiting.exited;
    assert.equal(done.code, 0, waiting.stderr());
    assert.equal(waiting.stdout(), "https://e2e-url.ngrok-free.app/webhook\n");
    assert.equal((await l.stop()).code, 0);
  });

  it("against a --no-tunnel listener exits 3 with a hint about --local", T, async () => {
    const l = await startListener(["--no-tunnel", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    const r = await runCli(["url"], { env: w.env, cwd: w.cwd });
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /no public URL/);
    assert.match(r.stderr, /zoomhook url --local/);
    assert.equal((await l.stop()).code, 0);
  });

  it("with no listener exits 3", T, async () => {
    const r = await runCli(["url"], { env: w.env, cwd: w.cwd });
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /No running zoomhook listener found/);
  });
});
