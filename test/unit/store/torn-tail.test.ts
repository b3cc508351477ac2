// A crash can leave half a record or garbage at the end: earlier captures survive, a warning says so, appends go on.
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { openStore, openStoreReader } from "../../../src/store/index.js";
import { makeCapture, warnings, withTempDir } from "./capture-fixture.js";

async function onlySegment(dir: string): Promise<string> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".zhc"));
  assert.equal(names.length, 1);
  return path.join(dir, names[0]!);
}

async function writeThree(dir: string) {
  const store = await openStore({ dir });
  const caps = [makeCapture(), makeCapture({ event: "meeting.ended" }), makeCapture({ event: "recording.completed" })];
  for (const c of caps) await store.append(c);
  await store.close();
  return caps;
}

for (const damage of ["cut mid-way", "garbage appended", "zero-filled tail"] as const) {
  test(`torn tail (${damage}): earlier records intact, warning, new appends readable`, async () => {
    await withTempDir(async (dir) => {
      const caps = await writeThree(dir);
      const file = await onlySegment(dir);
      const size = (await fs.stat(file)).size;
      if (damage === "cut mid-way") await fs.truncate(file, size - 40);
      if (damage === "garbage appended") await fs.appendFile(file, Buffer.from("\x00garbage\xffnot a record at all"));
      if (damage === "zero-filled tail") {
        const fh = await fs.open(file, "r+");
        await fh.write(Buffer.alloc(30), 0, 30, size - 30);
        await fh.close();
      }
      const expected = damage === "garbage appended" ? caps : caps.slice(0, 2);

      const seen = warnings();
      const reader = await openStoreReader({ dir, onWarning: seen.onWarning });
      if (damage === "zero-filled tail") {
        // Lists trust the header checksum only; the damaged body is caught when the capture is read.
        assert.equal(await reader.count(), 3);
        assert.equal(await reader.get(caps[2]!.id), undefined);
      } else {
        assert.deepEqual((await reader.list()).map((s) => s.id), expected.map((c) => c.id).reverse());
      }
      assert.equal(seen.list.length, 1, "the reader warns when no listener is live");

      const w = warnings();
      const store = await openStore({ dir, onWarning: w.onWarning });
      assert.equal(w.list.length, 1);
      assert.equal(w.list[0]![0], "store_torn_tail");
      assert.equal(await store.count(), expected.length);
      const fresh = makeCapture({ event: "meeting.participant_joined" });
      await store.append(fresh);
      assert.deepEqual(await store.get(fresh.id), fresh);
      await store.close();

      const after = await openStoreReader({ dir });
      assert.deepEqual((await after.list()).map((s) => s.id), [...expected, fresh].map((c) => c.id).reverse());
      for (const c of expected) assert.deepEqual(await after.get(c.id), c);
      assert.deepEqual(await after.get(fresh.id), fresh);
      await after.close();
      await reader.close();
    });
  });
}
