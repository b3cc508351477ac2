// One listener per store: a second acquire fails with exit 3 naming the owner; a dead owner's lock is taken over.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ZoomhookError } from "../../../src/shared/errors.js";
import { acquireStoreLock } from "../../../src/store/index.js";
import { withTempDir } from "./capture-fixture.js";

test("a second acquire while the owner is alive fails with store_locked, exit 3", async () => {
  await withTempDir(async (dir) => {
    const lock = await acquireStoreLock(dir);
    await assert.rejects(acquireStoreLock(dir), (error: unknown) => {
      assert.ok(error instanceof ZoomhookError);
      assert.equal(error.code, "store_locked");
      assert.equal(error.exitCode, 3);
      assert.match(error.message, new RegExp(`pid ${process.pid}`));
      assert.match(error.hint ?? "", /--store/);
      return true;
    });
    await lock.release();
    const again = await acquireStoreLock(dir);
    await again.release();
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.includes("lock")), []);
  });
});

test("a lock left by a dead process is taken over", async () => {
  await withTempDir(async (dir) => {
    // A pid that surely belongs to no process: one that just exited.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    await fs.mkdir(dir, { recursive: true });
    const stale = { pid: dead, hostname: os.hostname(), token: "old", startedAt: new Date(0).toISOString() };
    await fs.writeFile(path.join(dir, "listener.lock"), JSON.stringify(stale));
    const lock = await acquireStoreLock(dir);
    const owner = JSON.parse(await fs.readFile(path.join(dir, "listener.lock"), "utf8"));
    assert.equal(owner.pid, process.pid);
    await lock.release();
  });
});

test("an unreadable lock file is taken over", async () => {
  await withTempDir(async (dir) => {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "listener.lock"), "");
    const lock = await acquireStoreLock(dir);
    await lock.release();
  });
});
