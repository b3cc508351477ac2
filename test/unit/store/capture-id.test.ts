// Capture ids sort in arrival order and never repeat, even many in one millisecond.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCaptureId } from "../../../src/store/index.js";

test("ids made in a tight loop are unique and already sorted", () => {
  const ids = Array.from({ length: 50_000 }, () => newCaptureId());
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
  for (const id of ids) assert.match(id, /^[0-9a-hjkmnp-tv-z]{18}$/);
});

test("the same millisecond still sorts; later times sort after earlier ones", () => {
  const t = Date.now() + 60_000;
  const same = [newCaptureId(t), newCaptureId(t), newCaptureId(t)];
  assert.deepEqual([...same].sort(), same);
  const later = newCaptureId(t + 1);
  assert.ok(later > same[2]!);
  assert.ok(later.slice(0, 10) > same[0]!.slice(0, 10));
});

test("a clock stepping back keeps ids in arrival order", () => {
  const a = newCaptureId(Date.now() + 120_000);
  const b = newCaptureId(Date.now());
  assert.ok(b > a);
});
