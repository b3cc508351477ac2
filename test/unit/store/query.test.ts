// list() filters and pages newest first; readers see what the writer appended since they opened.
import assert from "node:assert/strict";
import { test } from "node:test";
import { summariesFor } from "../../../src/store/feed.js";
import { openStore, openStoreReader } from "../../../src/store/index.js";
import { makeCapture, withTempDir } from "./capture-fixture.js";

test("list: newest first, limit, before cursor, event exact and prefix, verification, kind", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const caps = [
      makeCapture({ event: "meeting.started" }),
      makeCapture({ event: "meeting.ended", verification: "invalid" }),
      makeCapture({ event: "endpoint.url_validation", kind: "crc" }),
      makeCapture({ event: "meetingx.other" }),
      makeCapture({ event: "meeting.participant_joined", verification: "stale" }),
    ];
    for (const c of caps) await store.append(c);
    const reader = await openStoreReader({ dir });
    for (const r of [store, reader]) {
      const ids = async (q: Parameters<typeof r.list>[0]) => (await r.list(q)).map((s) => s.id);
      assert.deepEqual(await ids({}), caps.map((c) => c.id).reverse());
      assert.deepEqual(await ids({ limit: 2 }), [caps[4]!.id, caps[3]!.id]);
      assert.deepEqual(await ids({ limit: 2, before: caps[3]!.id }), [caps[2]!.id, caps[1]!.id]);
      assert.deepEqual(await ids({ event: "meeting.*" }), [caps[4]!.id, caps[1]!.id, caps[0]!.id]);
      assert.deepEqual(await ids({ event: "meeting.ended" }), [caps[1]!.id]);
      assert.deepEqual(await ids({ verification: "invalid" }), [caps[1]!.id]);
      assert.deepEqual(await ids({ kind: "crc" }), [caps[2]!.id]);
      assert.deepEqual(await ids({ limit: 0 }), []);
      assert.equal(await r.count(), 5);
    }
    await reader.close();
    await store.close();
  });
});

test("a reader opened earlier sees captures appended later by a writer in the same process", async () => {
  await withTempDir(async (dir) => {
    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), 0);
    const store = await openStore({ dir });
    const first = makeCapture();
    await store.append(first);
    assert.deepEqual((await reader.list()).map((s) => s.id), [first.id]);
    const more = Array.from({ length: 30 }, () => makeCapture());
    await Promise.all(more.map((c) => store.append(c)));
    assert.equal(await reader.count(), 31);
    assert.deepEqual(await reader.get("last"), more.at(-1));
    await store.close();
    await reader.close();
  });
});

test("appends in one tick share one write and all resolve; append after close rejects", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const caps = Array.from({ length: 500 }, () => makeCapture());
    await Promise.all(caps.map((c) => store.append(c)));
    assert.equal(await store.count(), 500);
    await store.close();
    await assert.rejects(store.append(makeCapture()));
  });
});

test("summaries(ids): newest first, gone ids skipped; summariesFor keeps the order a feed named, with or without summaries()", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const caps = [makeCapture({ event: "a.one" }), makeCapture({ event: "b.two" }), makeCapture({ event: "c.three" })];
    for (const c of caps) await store.append(c);
    const reader = await openStoreReader({ dir });
    const [one, two, three] = caps.map((c) => c.id);
    for (const r of [store, reader]) {
      assert.deepEqual((await r.summaries([one!, three!, "01nosuchcapture"])).map((s) => s.event), ["c.three", "a.one"]);
      assert.deepEqual(await r.summaries([]), []);
      assert.deepEqual((await summariesFor(r, [one!, three!])).map((s) => s.id), [one, three]);
    }
    // A reader with get() only: one read per id, the same answer.
    const plain = { list: reader.list.bind(reader), count: reader.count.bind(reader), get: reader.get.bind(reader) };
    assert.deepEqual(await summariesFor(plain, [two!, "01nosuchcapture", one!]), await summariesFor(reader, [two!, one!]));
    await reader.close();
    await store.close();
  });
});
