// One listener-discovery rule across commands: `url --wait` waits for this directory's listener even when
// another is running; `log` reads the chosen listener's store, and names a listener from elsewhere.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";

describe("choosing a listener", () => {
  let world: World;
  let older: ListenerHandle;
  let dirA: string;
  let dirB: string;
  const storeA = () => join(world.root, "store-a");
  before(async () => {
    world = makeWorld("zoomhook-discovery-");
    dirA = join(world.root, "a");
    dirB = join(world.root, "b");
    for (const d of [dirA, dirB]) mkdirSync(d);
    older = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", storeA()], { cwd: dirA, env: world.env });
  });
  after(() => {
    killAll();
    world.cleanup();
  });

  it("log in the listener's directory reads its store (wherever --store put it)", async () => {
    const sent = await runCli(["send", "meeting.started"], { cwd: dirA, env: world.env });
    assert.equal(sent.code, 0, sent.stderr);
    await older.waitForLine((l) => l.type === "request");
    const r = await runCli(["log", "--json"], { cwd: dirA, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ event: string }>).map((c) => c.event), ["meeting.started"]);
  });

  it("from another directory, log reads the newest listener's store and says whose", async () => {
    const r = await runCli(["log", "--json"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
    assert.equal(r.stderr, `reading the captures of the newest listener (pid ${older.ready.pid}, started in ${dirA}): ${storeA()}\n`);
  });

  it("url --wait started before listen waits for this directory's listener, not the older one elsewhere", async () => {
    const waiting = runCli(["url", "--local", "--wait", "30"], { cwd: dirB, env: world.env, timeoutMs: 40_000 });
    const mine = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", join(world.root, "store-b")], { cwd: dirB, env: world.env });
    const r = await waiting;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${mine.ready.localUrl}\n`);
    assert.equal(r.stderr, "");
    await mine.stop();
  });
});
