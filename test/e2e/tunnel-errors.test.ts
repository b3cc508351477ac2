// E2E: `zoomhook listen` tunnel start-up failures through the real CLI — missing authtoken, refused auth, endpoint already online.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { makeTunnelWorld, type TunnelWorld } from "../support/tunnel-e2e.js";

const T = { timeout: 60_000 };

describe("listen: tunnel start-up errors (fake edge)", () => {
  let w: TunnelWorld | undefined;
  afterEach(() => w?.close());

  it("without an authtoken exits 3 before dialling, with a hint naming NGROK_AUTHTOKEN and --no-tunnel", T, async () => {
    w = await makeTunnelWorld();
    const r = await runCli(["listen", "--json", ...w.tunnelArgs], { env: { ...w.tunnelEnv, NGROK_AUTHTOKEN: undefined }, cwd: w.cwd });
    assert.equal(r.signal, null);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^✖ No ngrok authtoken\.$/m);
    assert.match(r.stderr, /NGROK_AUTHTOKEN/);
    assert.match(r.stderr, /zoomhook listen --no-tunnel/);
    assert.equal(r.stdout, "");
    assert.equal(w.edge.connectionCount, 0, "the edge saw no connection");
    assert.deepEqual(w.registryFiles(), []);
  });

  it("an auth error from the edge exits 3 with the authtoken hint and never binds", T, async () => {
    w = await makeTunnelWorld({ authError: "ERR_NGROK_107" });
    const r = await runCli(["listen", "--json", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd, timeoutMs: 30_000 });
    assert.equal(r.signal, null, `killed by ${r.signal}`);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /✖ ngrok rejected the authtoken \(missing or invalid\)\. \(ERR_NGROK_107\)/);
    assert.match(r.stderr, /https:\/\/dashboard\.ngrok\.com\/get-started\/your-authtoken/);
    assert.match(r.stderr, /NGROK_AUTHTOKEN/);
    assert.doesNotMatch(r.stdout, /"type":"ready"/);
    assert.equal(w.edge.rpcsOf("auth").length >= 1, true);
    assert.equal(w.edge.rpcsOf("bind").length, 0);
    assert.deepEqual(w.registryFiles(), []);
  });

  it("an endpoint already online (ERR_NGROK_334) exits 3 with its hint", T, async () => {
    w = await makeTunnelWorld({ bindError: "ERR_NGROK_334" });
    const r = await runCli(["listen", "--json", ...w.tunnelArgs, "--domain", "taken.ngrok-free.app"], { env: w.tunnelEnv, cwd: w.cwd, timeoutMs: 30_000 });
    assert.equal(r.signal, null, `killed by ${r.signal}`);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /already online\. \(ERR_NGROK_334\)/);
    assert.match(r.stderr, /another zoomhook or ngrok running/);
    assert.equal(w.edge.rpcsOf("bind")[0]?.Opts?.Domain, "taken.ngrok-free.app");
    assert.doesNotMatch(r.stdout, /"type":"ready"/);
    assert.deepEqual(w.registryFiles(), []);
  });
});
