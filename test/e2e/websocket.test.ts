// `zoomhook listen --via websocket` through the real CLI against a fake Zoom: NDJSON lines, the banner, exits.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, startListener, type World } from "../support/cli.js";
import { spawnCli } from "../support/tunnel-e2e.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";

describe("listen --via websocket (CLI)", () => {
  let world: World;
  let zoom: FakeZoom;
  const env = () => ({ ...world.env, ...zoom.env, ZOOM_WEBHOOK_SECRET_TOKEN: "ws-e2e-secret", ZOOMHOOK_ZOOM_WS_RETRY_MS: "20" });

  before(async () => {
    world = makeWorld();
    zoom = await startFakeZoom();
  });
  after(async () => {
    killAll();
    await zoom.close();
    world.cleanup();
  });

  it("--json: the ready line says via websocket; each event is a request line with via; a drop is a websocket line", async () => {
    const h = await startListener(["--via", "websocket", "--subscription-id", "wss://ws.zoom.us/ws?subscriptionId=sub_fake_1", ...world.listenArgs], { cwd: world.cwd, env: env() });
    assert.deepEqual([h.ready.via, h.ready.subscriptionId, h.ready.publicUrl], ["websocket", "sub_fake_1", null]);
    await zoom.waitForConnection();
    zoom.push({ event: "meeting.ended", event_ts: 1, payload: { account_id: "a", object: { id: 1 } } });
    const line = await h.waitForLine((l) => l.type === "request");
    assert.deepEqual([line.event, line.via, line.status], ["meeting.ended", "websocket", 200]);
    zoom.drop();
    const lost = await h.waitForLine((l) => l.type === "websocket" && l.status === "lost");
    assert.match(String(lost.message), /websocket lost — reconnecting/);
    await h.waitForLine((l) => l.type === "websocket" && l.status === "reconnected");
    const log = await runCli(["show", "last", "--json", "--store", world.store], { cwd: world.cwd, env: world.env });
    assert.equal(JSON.parse(log.stdout).origin.via, "websocket");
    assert.equal((await h.stop()).code, 0);
  });

  it("the human banner says where events come from and that none arrive while disconnected", async () => {
    const cli = spawnCli(["listen", "--via", "websocket", "--subscription-id", "sub_fake_1", ...world.listenArgs], { env: { ...env(), NO_COLOR: "1" }, cwd: world.cwd });
    await cli.waitForText("stdout", /never delivered/, 20_000);
    assert.match(cli.stdout(), /^ {2}Events from {3}Zoom WebSocket subscription sub_fake_1 {2}\(no tunnel, no public URL\)$/m);
    assert.match(cli.stdout(), /signed with your secret token before they reach your app/);
    assert.equal((await cli.stop()).code, 0);
  });

  it("missing credentials exit 3 naming them; refused credentials exit 3 with a hint; never a secret printed", async () => {
    const missing = await runCli(["listen", "--via", "websocket", "--subscription-id", "sub_fake_1", ...world.listenArgs], {
      cwd: world.cwd,
      env: { ...world.env, ZOOM_CLIENT_ID: "x", ZOOM_CLIENT_SECRET: "" },
    });
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, /needs the app's ZOOM_CLIENT_SECRET/);
    const refused = await runCli(["listen", "--via", "websocket", "--subscription-id", "sub_fake_1", ...world.listenArgs], {
      cwd: world.cwd,
      env: { ...env(), ZOOM_CLIENT_SECRET: "wrong-secret-value" },
    });
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /refused the client credentials/);
    assert.equal(refused.stderr.includes("wrong-secret-value"), false);
  });

  it("--via websocket with --provider circleci or --domain exits 2", async () => {
    const circle = await runCli(["listen", "--via", "websocket", "--provider", "circleci", ...world.listenArgs], { cwd: world.cwd, env: env() });
    assert.equal(circle.code, 2);
    assert.match(circle.stderr, /WebSocket subscriptions are Zoom's/);
    const domain = await runCli(["listen", "--via", "websocket", "--subscription-id", "s", "--domain", "x.ngrok-free.app", ...world.listenArgs], { cwd: world.cwd, env: env() });
    assert.equal(domain.code, 2);
  });
});
