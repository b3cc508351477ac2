// A store written by another process: live tailing, survival of SIGKILL, and the lock across processes.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { ZoomhookError } from "../../../src/shared/errors.js";
import { acquireStoreLock, openStore, openStoreReader } from "../../../src/store/index.js";
import { warnings, withTempDir } from "../../unit/store/capture-fixture.js";
import { bodyFor } from "./child-writer.js";

const childScript = fileURLToPath(new URL("./child-writer.js", import.meta.url));

function startChild(mode: string, dir: string): { child: ChildProcess; next(predicate?: (line: string) => boolean): Promise<string> } {
  const child = spawn(process.execPath, [childScript, mode, dir], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    async next(predicate = () => true) {
      for (;;) {
        const { value, done } = await lines.next();
        if (done) throw new Error("child exited early");
        if (predicate(value)) return value;
      }
    },
  };
}

test("a reader sees captures appended by a writer in another process, without warnings", async () => {
  await withTempDir(async (dir) => {
    const seen = warnings();
    const reader = await openStoreReader({ dir, onWarning: seen.onWarning });
    assert.equal(await reader.count(), 0);
    const { child, next } = startChild("live", dir);
    await next((l) => l === "batch 1");
    assert.deepEqual((await reader.list()).map((s) => s.path), [4, 3, 2, 1, 0].map((i) => `/batch/1/${i}`));
    child.stdin!.write("go\n");
    await next((l) => l === "batch 2");
    assert.equal(await reader.count(), 10);
    assert.equal((await reader.get("last"))!.path, "/batch/2/4");
    child.stdin!.end("go\n");
    await next((l) => l === "closed");
    await once(child, "exit");
    assert.deepEqual(seen.list, []);
    await reader.close();
  });
});

test("SIGKILL right after appends resolved: every resolved append is readable, bytes intact", async () => {
  await withTempDir(async (dir) => {
    const { child, next } = startChild("crash", dir);
    await next((l) => l === "ready");
    const resolved: Array<{ id: string; n: number }> = [];
    while (resolved.length < 3000) {
      const [, id, n] = (await next()).split(" ");
      resolved.push({ id: id!, n: Number(n) });
    }
    child.kill("SIGKILL");
    await once(child, "exit");
    const reader = await openStoreReader({ dir });
    const summaries = await reader.list();
    const ids = new Set(summaries.map((s) => s.id));
    for (const r of resolved) assert.ok(ids.has(r.id), `append ${r.n} resolved but is missing`);
    for (const r of resolved.filter((_, i) => i % 97 === 0 || i === resolved.length - 1)) {
      assert.ok((await reader.get(r.id))!.body.equals(bodyFor(r.n)));
    }
    await reader.close();
    // The next listener opens the store (cutting any torn tail) and keeps appending.
    const store = await openStore({ dir });
    assert.ok((await store.count()) >= resolved.length);
    await store.close();
  });
});

test("the lock holds across processes and is taken over once its owner is killed", async () => {
  await withTempDir(async (dir) => {
    const { child, next } = startChild("hold-lock", dir);
    await next((l) => l === "locked");
    await assert.rejects(acquireStoreLock(dir), (error: unknown) => {
      assert.ok(error instanceof ZoomhookError);
      assert.equal(error.code, "store_locked");
      assert.equal(error.exitCode, 3);
      assert.match(error.message, new RegExp(`pid ${child.pid}`));
      return true;
    });
    child.kill("SIGKILL");
    await once(child, "exit");
    const lock = await acquireStoreLock(dir);
    await lock.release();
  });
});
