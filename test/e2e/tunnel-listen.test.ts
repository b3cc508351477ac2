// E2E: `zoomhook listen` with the tunnel through the real CLI and the fake ngrok edge — URLs, CRC through the edge, Bind options, shutdown.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { runCli, startListener } from "../support/cli.js";
import { makeTunnelWorld, parseHttp, SECRET, signedCrcRequest, spawnCli, type TunnelWorld } from "../support/tunnel-e2e.js";

// Generous but bounded: the native agent can be slow to start on a loaded 2-core machine.
const T = { timeout: 60_000 };

describe("listen with the tunnel (fake edge)", () => {
  let w: TunnelWorld;
  beforeEach(async () => {
    w = await makeTunnelWorld();
  });
  afterEach(() => w.close());

  it("puts the Bind reply's URL + path in the --json ready line, and --no-tunnel gives null", T, async () => {
    w.edge.behaviour.urlFor = () => "https://e2e-abc.ngrok-free.app";
    const l = await startListener(w.tunnelArgs, { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    assert.equal(l.ready.publicUrl, "https://e2e-abc.ngrok-free.app/webhook");
    assert.match(l.ready.localUrl, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    assert.equal(w.edge.rpcsOf("auth")[0]?.Extra?.AuthToken, "e2e-ngrok-authtoken");
    assert.equal((await l.stop()).code, 0);

    const connections = w.edge.connectionCount;
    const local = await startListener(["--no-tunnel", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    assert.equal(local.ready.publicUrl, null);
    assert.equal(w.edge.connectionCount, connections, "--no-tunnel never dials the edge");
    assert.equal((await local.stop()).code, 0);
  });

  it("shows the public URL as the Endpoint URL in the human banner", T, async () => {
    w.edge.behaviour.urlFor = () => "https://e2e-human.ngrok-free.app";
    const cli = spawnCli(["listen", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd });
    await cli.waitForText("stdout", /Next: /, 30_000);
    assert.match(cli.stdout(), /^ {2}Endpoint URL {2}https:\/\/e2e-human\.ngrok-free\.app\/webhook {5}← paste into Zoom Marketplace$/m);
    assert.match(cli.stdout(), /^ {2}Local {9}http:\/\/127\.0\.0\.1:\d+\/webhook$/m);
    // No secret: a dev secret, which Zoom's validation would reject; the next step says so.
    assert.match(cli.stdout(), /^ {2}Next: set ZOOM_WEBHOOK_SECRET_TOKEN to your app's secret and restart/m);
    assert.equal((await cli.stop()).code, 0);
  });

  it("answers a signed CRC proxied through the edge end to end and reports it as a crc request", T, async () => {
    const l = await startListener(w.tunnelArgs, { env: { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, cwd: w.cwd, readyTimeoutMs: 30_000 });
    const crc = signedCrcRequest(SECRET, "qgg8vlvZRS6UYooatFL8Aw");
    const res = parseHttp(await w.edge.request(crc.raw, { timeoutMs: 20_000 }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), { plainToken: "qgg8vlvZRS6UYooatFL8Aw", encryptedToken: crc.encryptedToken });
    const line = await l.waitForLine((x) => x.type === "request");
    assert.equal(line.kind, "crc");
    assert.equal(line.verification, "valid");
    assert.equal(line.status, 200);
    assert.equal((await l.stop()).code, 0);
  });

  it("sends --domain in the Bind request and shows https://<domain>/webhook", T, async () => {
    const l = await startListener([...w.tunnelArgs, "--domain", "my-name.ngrok-free.app"], { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
    assert.equal(w.edge.rpcsOf("bind")[0]?.Opts?.Domain, "my-name.ngrok-free.app");
    assert.equal(l.ready.publicUrl, "https://my-name.ngrok-free.app/webhook");
    assert.equal((await l.stop()).code, 0);

    const cli = spawnCli(["listen", ...w.tunnelArgs, "--domain", "my-name.ngrok-free.app"], { env: w.tunnelEnv, cwd: w.cwd });
    await cli.waitForText("stdout", /Next: /, 30_000);
    assert.match(cli.stdout(), /^ {2}Endpoint URL {2}https:\/\/my-name\.ngrok-free\.app\/webhook /m);
    assert.equal((await cli.stop()).code, 0);
  });

  it("--ngrok-verify sends the Zoom verify-webhook Traffic Policy and the banner states its limits", T, async () => {
    const env = { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET };
    const cli = spawnCli(["listen", ...w.tunnelArgs, "--ngrok-verify"], { env, cwd: w.cwd });
    await cli.waitForText("stdout", /Next: /, 30_000);
    const opts = w.edge.rpcsOf("bind")[0]?.Opts;
    assert.deepEqual(JSON.parse(opts?.TrafficPolicy), {
      on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider: "zoom", secret: SECRET } }] }],
    });
    const banner = cli.stdout();
    assert.match(banner, /Signatures {4}verified by ngrok at its edge/);
    assert.match(banner, /it answers the CRC/);
    assert.match(banner, /deliveries it rejects with 403 never reach zoomhook and are not captured/);
    assert.equal((await cli.stop()).code, 0);

    const l = await startListener([...w.tunnelArgs, "--ngrok-verify"], { env, cwd: w.cwd, readyTimeoutMs: 30_000 });
    assert.equal(l.ready.verifiedBy, "ngrok");
    assert.equal((await l.stop()).code, 0);
  });

  it("--ngrok-verify --provider circleci sends the verify-webhook policy with provider circleci; the banner says where to paste the URL", T, async () => {
    const env = { ...w.tunnelEnv, CIRCLECI_WEBHOOK_SECRET: SECRET };
    w.edge.behaviour.urlFor = () => "https://e2e-circle.ngrok-free.app";
    const cli = spawnCli(["listen", ...w.tunnelArgs, "--provider", "circleci", "--ngrok-verify"], { env, cwd: w.cwd });
    await cli.waitForText("stdout", /Next: /, 30_000);
    assert.deepEqual(JSON.parse(w.edge.rpcsOf("bind")[0]?.Opts?.TrafficPolicy), {
      on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider: "circleci", secret: SECRET } }] }],
    });
    const banner = cli.stdout();
    assert.match(banner, /listening for CircleCI webhooks/);
    assert.match(banner, /← paste into CircleCI$/m);
    assert.match(banner, /Signatures {4}verified by ngrok at its edge \(deliveries it rejects/);
    assert.doesNotMatch(banner, /CRC/);
    assert.match(banner, /Next: in CircleCI, Project Settings → Webhooks → Add Webhook/);
    assert.equal((await cli.stop()).code, 0);
  });

  it("--ngrok-verify --forward-crc exits 2 and --ngrok-verify without a secret exits 3, neither dialling", T, async () => {
    const both = await runCli(["listen", ...w.tunnelArgs, "--ngrok-verify", "--forward-crc"], { env: { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, cwd: w.cwd });
    assert.equal(both.code, 2, both.stderr);
    assert.match(both.stderr, /--ngrok-verify and --forward-crc cannot be used together/);
    const noSecret = await runCli(["listen", ...w.tunnelArgs, "--ngrok-verify"], { env: w.tunnelEnv, cwd: w.cwd });
    assert.equal(noSecret.code, 3, noSecret.stderr);
    assert.match(noSecret.stderr, /ZOOM_WEBHOOK_SECRET_TOKEN/);
    assert.equal(w.edge.connectionCount, 0);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} unbinds the tunnel, removes the registry entry and exits 0 after a clean close`, T, async () => {
      const l = await startListener(w.tunnelArgs, { env: w.tunnelEnv, cwd: w.cwd, readyTimeoutMs: 30_000 });
      assert.deepEqual(w.registryFiles(), [`${l.ready.pid}.json`]);
      const tunnelId = w.edge.rpcsOf("bind")[0]?.Id === "" ? "tn_fake1" : w.edge.rpcsOf("bind")[0]?.Id;
      const stopped = await l.stop(signal, 10_000);
      assert.equal(stopped.code, 0, `exit ${stopped.code ?? stopped.signal}\n${stopped.stderr}`);
      // (A close that hung would end in the forced exit, which leaves the registry entry behind.)
      assert.ok(w.edge.rpcsOf("unbind").some((u) => u.Id === tunnelId), "the edge saw an Unbind for the tunnel");
      assert.deepEqual(w.registryFiles(), []);
    });
  }
});
