// On-disk hygiene: private modes, a .gitignore, a format version, and refusal of a newer format.
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ZoomhookError } from "../../../src/shared/errors.js";
import { openStore, openStoreReader, resolveStoreDir } from "../../../src/store/index.js";
import { makeCapture, withTempDir } from "./capture-fixture.js";

const posix = process.platform !== "win32";

test("the store directory is 0700, its files 0600, with .gitignore and format.json", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    await store.append(makeCapture());
    await store.close();
    assert.equal(store.dir, path.resolve(dir));
    assert.equal(await fs.readFile(path.join(dir, ".gitignore"), "utf8"), "*\n");
    assert.equal(JSON.parse(await fs.readFile(path.join(dir, "format.json"), "utf8")).format, 1);
    if (posix) {
      assert.equal((await fs.stat(dir)).mode & 0o777, 0o700);
      for (const name of await fs.readdir(dir)) assert.equal((await fs.stat(path.join(dir, name))).mode & 0o777, 0o600, name);
    }
  });
});

test("a newer format is refused with a config error (exit 3) by the writer and readers", async () => {
  await withTempDir(async (dir) => {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "format.json"), JSON.stringify({ format: 2 }));
    for (const open of [() => openStore({ dir }), () => openStoreReader({ dir })]) {
      await assert.rejects(open, (error: unknown) => {
        assert.ok(error instanceof ZoomhookError);
        assert.equal(error.code, "store_format_newer");
        assert.equal(error.exitCode, 3);
        assert.match(error.hint ?? "", /Upgrade zoomhook/);
        return true;
      });
    }
  });
});

test("a missing store reads as empty and is not created by a reader", async () => {
  await withTempDir(async (dir) => {
    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), 0);
    assert.deepEqual(await reader.list(), []);
    assert.equal(await reader.get("last"), undefined);
    await reader.close();
    await assert.rejects(fs.stat(dir));
  });
});

test("resolveStoreDir: --store beats $ZOOMHOOK_STORE beats ./.zoomhook", () => {
  const cwd = path.resolve("/tmp/project");
  assert.equal(resolveStoreDir("x", { ZOOMHOOK_STORE: "y" }, cwd), path.join(cwd, "x"));
  assert.equal(resolveStoreDir(undefined, { ZOOMHOOK_STORE: "y" }, cwd), path.join(cwd, "y"));
  assert.equal(resolveStoreDir(undefined, {}, cwd), path.join(cwd, ".zoomhook"));
  assert.equal(resolveStoreDir("", { ZOOMHOOK_STORE: "" }, cwd), path.join(cwd, ".zoomhook"));
});
