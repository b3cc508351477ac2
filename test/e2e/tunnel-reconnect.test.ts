// E2E: the edge drops the agent's connections after start-up — listen stays up, says so, reconnects, and serves again.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { startListener } from "../support/cli.js";
import { makeTunnelWorld, parseHttp, rawRequest, SECRET, signedCrcRequest, spawnCli, type TunnelWorld } from "../support/tunnel-e2e.js";

const T = { timeout: 60_000 };

describe("listen: tunnel lost and regained (fake edge)", () => {
  let w: TunnelWorld;
  beforeEach(async () => {
    w = await makeTunnelWorld();
  });
  afterEach(() => w.close());

  it("human: prints 'tunnel lost — reconnecting' then 'tunnel reconnected', and the tunnel works again", T, async () => {
    const cli = spawnCli(["listen", ...w.tunnelArgs], { env: { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, cwd: w.cwd });
    await cli.waitForText("stdout", /Next: /, 30_000);
    const url = /Endpoint URL {2}(https:\/\/\S+)\/webhook/.exec(cli.stdout())?.[1];
    w.edge.dropConnections();
    const lost = await cli.waitForText("stdout", /^\d\d:\d\d:\d\d {2}⚠ tunnel lost — reconnecting…/m, 20_000);
    const back = await cli.waitForText("stdout", new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}✔ tunnel reconnected: ${url?.replace(/[.]/g, "\\.")}$`, "m"), 20_000);
    assert.ok(back.index! > lost.index!, "reconnected is printed after lost");
    await w.edge.waitFor(() => w.edge.rpcsOf("bind").length >= 2, "the re-bind", 20_000);
    const crc = signedCrcRequest(SECRET, "after-reconnect");
    const res = parseHttp(await w.edge.request(crc.raw, { url, timeoutMs: 20_000 }));
    assert.equal(res.status, 200, res.body);
    assert.equal(JSON.parse(res.body).encryptedToken, crc.encryptedToken);
    assert.equal(cli.child.exitCode, null, "still running");
    const stopped = await cli.stop();
    assert.equal(stopped.code, 0, cli.stderr());
  });

  it("--json: a closed then a connected tunnel line; the local receiver answers while the tunnel is down", T, async () => {
    const l = await startListener(w.tunnelArgs, { env: { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, cwd: w.cwd, readyTimeoutMs: 30_000 });
    const url = l.ready.publicUrl!.replace(/\/webhook$/, "");
    // Hold the tunnel down: the agent redials, but its Auth is never answered.
    w.edge.behaviour.neverAnswerAuth = true;
    const authsBefore = w.edge.rpcsOf("auth").length;
    w.edge.dropConnections();
    const closed = await l.waitForLine((x) => x.type === "tunnel" && x.status === "closed", 20_000);
    assert.deepEqual(closed, { type: "tunnel", status: "closed", url });
    await w.edge.waitFor(() => w.edge.rpcsOf("auth").length > authsBefore, "the held re-auth", 20_000);

    const local = await fetch(l.ready.localUrl, { method: "POST", body: JSON.stringify({ event: "meeting.started", event_ts: Date.now(), payload: { account_id: "e2e" } }), headers: { "content-type": "application/json" } });
    assert.equal(local.status, 401, "answered locally (unsigned, a secret is set)");
    await local.arrayBuffer();
    const line = await l.waitForLine((x) => x.type === "request", 10_000);
    assert.equal(line.verification, "unsigned");

    // Let the agent back in.
    w.edge.behaviour.neverAnswerAuth = false;
    w.edge.dropConnections();
    await w.edge.waitFor(() => w.edge.rpcsOf("bind").length >= 2, "the re-bind", 20_000);
    const tunnelLines = () => l.lines.filter((x) => x.type === "tunnel");
    await l.waitForLine((x) => x.type === "tunnel" && x.status === "connected", 20_000);
    assert.deepEqual(tunnelLines()[0], { type: "tunnel", status: "closed", url });
    assert.ok(tunnelLines().some((x) => x.status === "connected" && x.url === url));
    const res = parseHttp(await w.edge.request(rawRequest("GET", "/webhook"), { url, timeoutMs: 20_000 }));
    assert.ok(res.status >= 200 && res.status < 500 && res.status !== 502, `answered by zoomhook through the tunnel: ${res.status}`);
    assert.ok(l.lines.every((x) => x.type !== "__not_json__"), "stdout stays NDJSON");
    assert.equal((await l.stop()).code, 0);
  });
  it("does not claim 'tunnel reconnected' while the edge refuses the re-auth", T, async () => {
      const cli = spawnCli(["listen", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd });
      await cli.waitForText("stdout", /Next: /, 30_000);
      w.edge.behaviour.authError = "ERR_NGROK_107";
      const authsBefore = w.edge.rpcsOf("auth").length;
      w.edge.dropConnections();
      await cli.waitForText("stdout", /tunnel lost — reconnecting/, 20_000);
      // Two refused re-auths: the agent has dialled, been refused, and retried.
      await w.edge.waitFor(() => w.edge.rpcsOf("auth").length >= authsBefore + 2, "two refused re-auths", 20_000);
      assert.doesNotMatch(cli.stdout(), /tunnel reconnected/, "nothing was re-bound, so nothing reconnected");
      assert.equal(w.edge.rpcsOf("bind").length, 1);
      assert.equal((await cli.stop()).code, 0, cli.stderr());
  });
});
