// Retention keeps the newest maxCaptures and at most about maxBytes, by deleting whole old segments.
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import { test } from "node:test";
import { openStore, openStoreReader } from "../../../src/store/index.js";
import { makeCapture, withTempDir } from "./capture-fixture.js";

async function segmentBytes(dir: string): Promise<number> {
  let total = 0;
  for (const n of await fs.readdir(dir)) if (n.endsWith(".zhc")) total += (await fs.stat(`${dir}/${n}`)).size;
  return total;
}

test("retention by count: newest maxCaptures visible, old segments deleted, same after reopen", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir, maxCaptures: 10 });
    const caps = Array.from({ length: 95 }, (_, i) => makeCapture({ path: `/n/${i}` }));
    for (const c of caps) await store.append(c);
    await store.compact();
    const newest = caps.slice(-10).map((c) => c.id).reverse();
    assert.equal(await store.count(), 10);
    assert.deepEqual((await store.list()).map((s) => s.id), newest);
    assert.equal(await store.get(caps[0]!.id), undefined);
    const segments = (await fs.readdir(dir)).filter((n) => n.endsWith(".zhc"));
    assert.ok(segments.length <= 7, `old segments were deleted (${segments.length} left)`);
    await store.close();

    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), 10);
    assert.deepEqual((await reader.list()).map((s) => s.id), newest);
    await reader.close();
    const again = await openStore({ dir, maxCaptures: 10 });
    assert.deepEqual((await again.list()).map((s) => s.id), newest);
    await again.close();
  });
});

test("retention by bytes: the store stays under maxBytes (plus at most one segment)", async () => {
  await withTempDir(async (dir) => {
    const maxBytes = 64 * 1024;
    const store = await openStore({ dir, maxBytes });
    const body = Buffer.alloc(2000, "x");
    const caps = Array.from({ length: 200 }, () => makeCapture({ body, bodySize: body.length }));
    for (const c of caps) await store.append(c);
    await store.compact();
    const onDisk = await segmentBytes(dir);
    assert.ok(onDisk <= maxBytes + maxBytes / 16 + 4096, `on disk ${onDisk}`);
    const count = await store.count();
    assert.ok(count > 10 && count < 40, `count ${count}`);
    assert.deepEqual(await store.get("last"), caps.at(-1));
    await store.close();
    const reopened = await openStore({ dir, maxBytes });
    assert.equal(await reopened.count(), count);
    await reopened.close();
  });
});

test("clear() empties the store for the writer and readers, and appends continue", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir, maxCaptures: 16 });
    for (let i = 0; i < 20; i++) await store.append(makeCapture());
    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), 16);
    await store.clear();
    assert.equal(await store.count(), 0);
    assert.equal(await reader.count(), 0);
    const c = makeCapture();
    await store.append(c);
    assert.deepEqual((await reader.list()).map((s) => s.id), [c.id]);
    await store.close();
    await reader.close();
  });
});

test("retention evicts junk (unsigned, invalid, malformed) before verified captures", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir, maxCaptures: 10 });
    const verified = Array.from({ length: 10 }, (_, i) => makeCapture({ path: `/ok/${i}`, verification: i % 2 ? "valid" : "stale" }));
    for (const c of verified) await store.append(c);
    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), 10);
    // A flood from someone who found the public URL.
    const junk = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0 ? makeCapture({ verification: "unsigned" }) : i % 3 === 1 ? makeCapture({ verification: "invalid" }) : makeCapture({ kind: "malformed", event: undefined, verification: "unsigned" }),
    );
    for (const c of junk) await store.append(c);
    await store.compact();
    const expected = verified.map((c) => c.id).reverse();
    const listed = (await store.list()).map((s) => s.id);
    assert.deepEqual(listed.filter((id) => expected.includes(id)), expected, "a verified capture was evicted while junk was kept");
    assert.equal(await store.count(), 10);
    for (const c of verified) assert.deepEqual(await store.get(c.id), c);
    // A reader that had the segments open before the rewrite sees the same.
    assert.deepEqual((await reader.list()).map((s) => s.id), listed);
    assert.deepEqual(await reader.get(verified[3]!.id), verified[3]);
    assert.equal((await reader.damage()).records, 0);
    await reader.close();
    await store.close();
    const again = await openStore({ dir, maxCaptures: 10 });
    assert.deepEqual((await again.list()).map((s) => s.id), listed);
    await again.close();
  });
});

test("junk is kept while the store is under its limits", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir, maxCaptures: 20 });
    for (let i = 0; i < 10; i++) await store.append(makeCapture({ verification: i % 2 ? "valid" : "unsigned" }));
    await store.compact();
    assert.equal(await store.count(), 10);
    await store.close();
  });
});
