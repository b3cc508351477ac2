// serializeBody styles and key orders, survivesReserialisation, padBody.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildEvent, loadFixture, padBody, serializeBody, survivesReserialisation } from "../../../src/events/index.js";

const body = {
  payload: { account_id: "D8cJuqWVQ623CI4Q8yQK0Q", object: { topic: "Café ☕ standup 🎉", join_url: "https://us06web.zoom.us/j/85123456789" } },
  event_ts: 1739923527913,
  event: "meeting.updated",
};

test("compact: Zoom's key order (event, event_ts, payload), literal UTF-8, survives re-serialisation", () => {
  const text = serializeBody(body);
  assert.ok(text.startsWith('{"event":"meeting.updated","event_ts":1739923527913,"payload":'));
  assert.ok(text.includes("Café ☕ standup 🎉"));
  assert.ok(survivesReserialisation(text));
});

test("the CRC request keeps Zoom's documented order (payload, event_ts, event)", () => {
  const text = serializeBody({ event: "endpoint.url_validation", event_ts: 1, payload: { plainToken: "t" } });
  assert.equal(text, '{"payload":{"plainToken":"t"},"event_ts":1,"event":"endpoint.url_validation"}');
});

test("pretty is indented and only parses back to the same value", () => {
  const text = serializeBody(body, { style: "pretty" });
  assert.match(text, /\n {2}"event": "meeting.updated",\n/);
  assert.deepEqual(JSON.parse(text), body);
  assert.equal(survivesReserialisation(text), false);
});

test("escaped-unicode escapes every non-ASCII code unit as \\uXXXX", () => {
  const text = serializeBody(body, { style: "escaped-unicode" });
  assert.ok(/^[\x00-\x7f]*$/.test(text), "pure ASCII");
  assert.ok(text.includes("Caf\\u00e9 \\u2615 standup \\ud83c\\udf89"));
  assert.deepEqual(JSON.parse(text), body);
  assert.equal(survivesReserialisation(text), false);
});

test("escaped-slashes escapes / as \\/", () => {
  const text = serializeBody(body, { style: "escaped-slashes" });
  assert.ok(text.includes("https:\\/\\/us06web.zoom.us\\/j\\/85123456789"));
  assert.ok(!/[^\\]\//.test(text), "no unescaped slash left");
  assert.deepEqual(JSON.parse(text), body);
  assert.equal(survivesReserialisation(text), false);
});

test("shuffled keeps the content, reorders keys, and is reproducible with a seed", () => {
  const big = buildEvent("recording.completed", { seed: 1, nowMs: 1_750_000_000_000 });
  const a = serializeBody(big, { keyOrder: "shuffled", seed: 3 });
  const b = serializeBody(big, { keyOrder: "shuffled", seed: 3 });
  assert.equal(a, b);
  assert.notEqual(a, serializeBody(big));
  assert.deepEqual(JSON.parse(a), big);
  assert.equal(a.length, serializeBody(big).length);
});

test("survivesReserialisation: true only for compact JSON with literal UTF-8", () => {
  assert.equal(survivesReserialisation('{"a":1}'), true);
  assert.equal(survivesReserialisation('{"a": 1}'), false);
  assert.equal(survivesReserialisation('{"a":1.0}'), false);
  assert.equal(survivesReserialisation('{"a":"\\u00e9"}'), false);
  assert.equal(survivesReserialisation("not json"), false);
});

test("padBody grows a free-text field so the compact body is the requested size", () => {
  const original = buildEvent("meeting.created");
  for (const kb of [4, 64, 512]) {
    const padded = padBody(original, kb);
    assert.equal(Buffer.byteLength(serializeBody(padded)), kb * 1024, `${kb} KiB`);
    const object = (padded.payload as { object: Record<string, unknown> }).object;
    assert.ok(String(object.topic).startsWith("Weekly product sync"), "padding goes after the real topic");
  }
  assert.equal((original.payload as { object: { topic: string } }).object.topic, "Weekly product sync", "input untouched");
  const small = padBody(original, 0.1);
  assert.deepEqual(small, original, "already larger: unchanged copy");
  assert.throws(() => padBody(loadFixture("endpoint.url_validation"), 8), { code: "cannot_pad" });
});
