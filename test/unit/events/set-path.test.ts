// setPath and parseAssignment: the --set / --set-string overrides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAssignment, setPath } from "../../../src/events/index.js";

test("setPath writes nested keys and creates missing objects", () => {
  const body: Record<string, unknown> = { payload: { object: { topic: "a" } } };
  setPath(body, "payload.object.topic", "Board meeting");
  setPath(body, "payload.object.settings.waiting_room", true);
  setPath(body, "extra", 1);
  assert.deepEqual(body, { payload: { object: { topic: "Board meeting", settings: { waiting_room: true } } }, extra: 1 });
});

test("setPath indexes arrays and creates arrays for numeric segments", () => {
  const body: Record<string, unknown> = { payload: { object: { participants: [{ id: "a" }, { id: "b" }] } } };
  setPath(body, "payload.object.participants.1.id", "z");
  setPath(body, "payload.object.files.0.name", "x.mp4");
  assert.deepEqual(body, { payload: { object: { participants: [{ id: "a" }, { id: "z" }], files: [{ name: "x.mp4" }] } } });
  assert.ok(Array.isArray((body.payload as { object: { files: unknown } }).object.files));
});

test("setPath: an escaped dot is part of a key; null containers are replaced", () => {
  const body: Record<string, unknown> = { a: null };
  setPath(body, "a.b", 1);
  setPath(body, "labels.app\\.zoom\\.us", "yes");
  assert.deepEqual(body, { a: { b: 1 }, labels: { "app.zoom.us": "yes" } });
});

test("setPath refuses bad paths and descending into scalars", () => {
  const body: Record<string, unknown> = { payload: { object: { id: "85123456789" } } };
  assert.throws(() => setPath(body, "payload.object.id.x", 1), { code: "invalid_path", message: /"payload\.object\.id" is a string/ });
  assert.throws(() => setPath(body, "", 1), { code: "invalid_path" });
  assert.throws(() => setPath(body, "payload..id", 1), { code: "invalid_path" });
  assert.throws(() => setPath(body, "__proto__.polluted", 1), { code: "invalid_path" });
  assert.throws(() => setPath(body, "payload.constructor.prototype", 1), { code: "invalid_path" });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("parseAssignment (--set) reads JSON values, else keeps text", () => {
  assert.deepEqual(parseAssignment("a.b=1", false), { path: "a.b", value: 1 });
  assert.deepEqual(parseAssignment("a=true", false), { path: "a", value: true });
  assert.deepEqual(parseAssignment("a=null", false), { path: "a", value: null });
  assert.deepEqual(parseAssignment('a={"x":[1,2]}', false), { path: "a", value: { x: [1, 2] } });
  assert.deepEqual(parseAssignment('a="85123456789"', false), { path: "a", value: "85123456789" });
  assert.deepEqual(parseAssignment("payload.object.topic=Board meeting", false), { path: "payload.object.topic", value: "Board meeting" });
  assert.deepEqual(parseAssignment("a=x=y", false), { path: "a", value: "x=y" }, "only the first = splits");
  assert.deepEqual(parseAssignment("a=", false), { path: "a", value: "" });
  assert.deepEqual(parseAssignment(" a.b = 2", false), { path: "a.b", value: 2 });
});

test("parseAssignment (--set-string) keeps the text exactly", () => {
  assert.deepEqual(parseAssignment("payload.object.id=85123456789", true), { path: "payload.object.id", value: "85123456789" });
  assert.deepEqual(parseAssignment("a= true ", true), { path: "a", value: " true " });
});

test("parseAssignment: clear usage errors", () => {
  assert.throws(() => parseAssignment("payload.object.topic", false), { code: "invalid_assignment", message: /Expected path=value/ });
  assert.throws(() => parseAssignment("=1", false), { code: "invalid_path" });
  assert.throws(() => parseAssignment("a=123456789012345678901", false), (err: unknown) => {
    assert.equal((err as { code: string }).code, "unsafe_integer");
    assert.match((err as { hint: string }).hint, /--set-string a=123456789012345678901/);
    return true;
  });
  assert.deepEqual(parseAssignment("a=123456789012345678901", true), { path: "a", value: "123456789012345678901" });
});
