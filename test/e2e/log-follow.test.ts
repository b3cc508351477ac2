// `zoomhook log --follow` on the file store: new captures appear as the listener stores them.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";
import { startFollower } from "../support/follow.js";

const SECRET = "e2e_follow_secret";
let world: World;
let h: ListenerHandle;

before(async () => {
  world = makeWorld();
  h = await startListener([...world.listenArgs, "--no-inspect"], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
});
after(async () => {
  await h?.stop().catch(() => undefined);
  killAll();
  world?.cleanup();
});

it("prints the newest capture, then each new one as it is stored", async () => {
  const send = async (event: string) => {
    const r = await runCli(["send", event, "--to", h.ready.localUrl], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    assert.equal(r.code, 0, r.stderr);
  };
  await send("meeting.created");
  const follower = await startFollower(world.store, world.cwd, world.env);
  try {
    assert.deepEqual(follower.lines().map((l) => l.event), ["meeting.created"]);
    await send("meeting.started");
    await send("meeting.ended");
    const lines = await follower.waitForLines(1, 2);
    assert.deepEqual(lines.map((l) => l.event), ["meeting.started", "meeting.ended"]);
    assert.ok(lines.every((l) => l.verification === "valid" && l.status === 200));
  } finally {
    follower.stop();
  }
});
