// A damaged record in the middle of a segment costs that record only: reading resynchronises, nothing is cut.
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Capture } from "../../../src/shared/capture.js";
import { openStore, openStoreReader } from "../../../src/store/index.js";
import { HEADER_BYTES, encodeRecord } from "../../../src/store/record.js";
import { makeCapture, warnings, withTempDir } from "./capture-fixture.js";

const COUNT = 40;
const BAD = 17;

async function writeMany(dir: string): Promise<{ caps: Capture[]; offsets: number[]; file: string }> {
  const store = await openStore({ dir });
  const caps: Capture[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < COUNT; i++) {
    const c = makeCapture({ event: `meeting.e${i}` });
    caps.push(c);
    offsets.push(offset);
    offset += encodeRecord(c).record.length;
    await store.append(c);
  }
  await store.close();
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".zhc"));
  assert.equal(names.length, 1, "all records in one segment");
  return { caps, offsets, file: path.join(dir, names[0]!) };
}

async function flipByte(file: string, at: number): Promise<void> {
  const fh = await fs.open(file, "r+");
  const b = Buffer.alloc(1);
  await fh.read(b, 0, 1, at);
  b[0] = b[0]! ^ 0x5a;
  await fh.write(b, 0, 1, at);
  await fh.close();
}

// Where in record BAD the byte is flipped: its magic, a length (which then points past the end of the
// file), its summary, or its body (only the body checksum notices).
const spots = {
  magic: 1,
  "length field": 13,
  summary: HEADER_BYTES + 5,
  body: -3,
} as const;

for (const [where, rel] of Object.entries(spots)) {
  test(`a flipped byte in the ${where} of a record mid-segment costs that record only, in readers and after a restart`, async () => {
    await withTempDir(async (dir) => {
      const { caps, offsets, file } = await writeMany(dir);
      const at = rel >= 0 ? offsets[BAD]! + rel : offsets[BAD + 1]! + rel;
      await flipByte(file, at);
      const sizeBefore = (await fs.stat(file)).size;
      const others = caps.filter((_, i) => i !== BAD).map((c) => c.id).reverse();

      const seenByReader = warnings();
      const reader = await openStoreReader({ dir, onWarning: seenByReader.onWarning });
      const listed = (await reader.list()).map((s) => s.id);
      if (where === "body") {
        // Lists trust the header checksum; reading the capture finds the damage and counts it.
        assert.equal(listed.length, COUNT);
        assert.equal(await reader.get(caps[BAD]!.id), undefined);
      } else {
        assert.deepEqual(listed, others);
      }
      for (const i of [0, BAD - 1, BAD + 1, COUNT - 1]) assert.deepEqual(await reader.get(caps[i]!.id), caps[i]);
      const damage = await reader.damage();
      assert.equal(damage.records, 1);
      assert.equal(damage.spots[0]!.offset, offsets[BAD]);
      assert.equal(damage.spots[0]!.segment, path.basename(file));
      assert.deepEqual(seenByReader.list.map(([code]) => code), ["store_damaged_records"]);
      assert.match(seenByReader.list[0]![1], new RegExp(`1 unreadable record in ${path.basename(file)}.*offset ${offsets[BAD]}`));
      await reader.close();

      const seenByWriter = warnings();
      const store = await openStore({ dir, onWarning: seenByWriter.onWarning });
      assert.equal((await fs.stat(file)).size, sizeBefore, "nothing was cut");
      assert.deepEqual((await store.list()).map((s) => s.id), others);
      assert.deepEqual(seenByWriter.list.map(([code]) => code), ["store_damaged_records"]);
      assert.equal((await store.damage()).records, 1);
      const fresh = makeCapture({ event: "meeting.after" });
      await store.append(fresh);
      await store.close();

      const after = await openStoreReader({ dir });
      const ids = (await after.list()).map((s) => s.id);
      assert.deepEqual(where === "body" ? ids.filter((id) => id !== caps[BAD]!.id) : ids, [fresh.id, ...others]);
      assert.deepEqual(await after.get(fresh.id), fresh);
      await after.close();
    });
  });
}

test("damage in two places is counted once per record, and garbage between records is skipped", async () => {
  await withTempDir(async (dir) => {
    const { caps, offsets, file } = await writeMany(dir);
    await flipByte(file, offsets[3]! + HEADER_BYTES + 1);
    await flipByte(file, offsets[30]! + 2);
    const reader = await openStoreReader({ dir });
    assert.equal(await reader.count(), COUNT - 2);
    assert.deepEqual((await reader.damage()).spots.map((s) => [s.offset, s.records]), [[offsets[3], 1], [offsets[30], 1]]);
    // Rereading does not count the same damage twice.
    await reader.list();
    assert.equal((await reader.damage()).records, 2);
    assert.deepEqual(await reader.get(caps[31]!.id), caps[31]);
    await reader.close();
  });
});

test("an unreadable format.json is reported, does not hide the captures, and the listener rewrites it", async () => {
  await withTempDir(async (dir) => {
    const { caps } = await writeMany(dir);
    const formatFile = path.join(dir, "format.json");
    await fs.writeFile(formatFile, '{"format":1,"maxCa\u0000');
    const seen = warnings();
    const reader = await openStoreReader({ dir, onWarning: seen.onWarning });
    assert.equal(await reader.count(), COUNT);
    assert.deepEqual(seen.list.map(([code]) => code), ["store_format_unreadable"]);
    await reader.close();

    const w = warnings();
    const store = await openStore({ dir, onWarning: w.onWarning });
    assert.deepEqual(w.list.map(([code]) => code), ["store_format_unreadable"]);
    assert.deepEqual(await store.get(caps[0]!.id), caps[0]);
    await store.close();
    assert.equal(JSON.parse(await fs.readFile(formatFile, "utf8")).format, 1);
  });
});
