// Expectations (status classes, latency, body and header matchers) and `${…}` resolution against earlier steps.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer, statusMatches } from "../../../src/scenario/assert.js";
import { ReferenceFailure, resolveValue, type Scope } from "../../../src/scenario/resolve.js";
import { compileString } from "../../../src/scenario/template.js";

const scope = (): Scope => ({
  vars: new Map<string, unknown>([["topic", "Standup"]]),
  env: { APP: "http://127.0.0.1:3000" },
  steps: new Map([
    [
      "created",
      {
        request: { method: "POST", url: "http://t/webhook", headers: { "x-zm-request-id": "abc" }, body: Buffer.from('{"payload":{"object":{"id":85123456789,"uuid":"u=="}}}') },
        response: { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true,"items":[{"id":1}]}' },
      },
    ],
  ]),
});
const compile = (t: string) => compileString(t, (m) => assert.fail(m));
const answer = (body: string, status = 200, latencyMs = 5, headers: Record<string, string> = { "content-type": "application/json" }) => ({ status, headers, body, latencyMs });

describe("references", () => {
  it("a whole-string reference keeps the value's type; a mixed one is text", () => {
    assert.equal(resolveValue(compile("${steps.created.request.body.payload.object.id}"), scope()), 85123456789);
    assert.equal(resolveValue(compile("m-${steps.created.request.body.payload.object.id}"), scope()), "m-85123456789");
    assert.equal(resolveValue(compile("${steps.created.response.body.ok}"), scope()), true);
    assert.equal(resolveValue(compile("${steps.created.response.status}"), scope()), 200);
    assert.equal(resolveValue(compile("${steps.created.request.headers.X-ZM-Request-Id}"), scope()), "abc");
    assert.equal(resolveValue(compile("${env.APP}/meetings/${vars.topic}"), scope()), "http://127.0.0.1:3000/meetings/Standup");
    assert.deepEqual(resolveValue(compile("${steps.created.response.body.items}"), scope()), [{ id: 1 }]);
    assert.equal(resolveValue(compile("$${literal}"), scope()), "${literal}");
  });

  it("generators give fresh values of the right shape", () => {
    const uuid = resolveValue(compile("${uuid}"), scope());
    assert.match(String(uuid), /^[0-9a-f-]{36}$/);
    assert.notEqual(uuid, resolveValue(compile("${uuid}"), scope()));
    assert.ok(Number.isSafeInteger(resolveValue(compile("${meetingId}"), scope())));
    assert.ok(Math.abs(Number(resolveValue(compile("${now}"), scope())) - Date.now()) < 5000);
  });

  it("a field that is not there fails the step with the reference and how far it got", () => {
    assert.throws(() => resolveValue(compile("${steps.created.request.body.payload.objet.id}"), scope()), (e: unknown) => e instanceof ReferenceFailure && /has no payload\.objet/.test((e as Error).message));
    const s = scope();
    s.steps.set("skipped", {});
    assert.throws(() => resolveValue(compile("${steps.skipped.response.body.x}"), s), /has no response/);
  });
});

describe("expectations", () => {
  it("status: numbers, classes and lists", () => {
    assert.ok(statusMatches(204, ["2xx"]));
    assert.ok(statusMatches(403, [401, 403]));
    assert.ok(!statusMatches(500, [401, "2xx"]));
    const [f] = checkAnswer({ status: [401, 403] }, answer("", 200), scope());
    assert.deepEqual([f!.check, f!.message], ["status", "expected status one of 401, 403, got 200"]);
  });

  it("maxLatencyMs", () => {
    assert.equal(checkAnswer({ maxLatencyMs: 3000 }, answer("", 200, 2999), scope()).length, 0);
    assert.match(checkAnswer({ maxLatencyMs: 3000 }, answer("", 200, 3500), scope())[0]!.message, /3500 ms, over the 3000 ms allowed/);
  });

  it("body matchers: equals, contains, matches, exists, with references", () => {
    const body = JSON.stringify({ ok: true, topic: "Standup daily", tags: ["a", "b"], m: { id: 85123456789, n: { x: 1 } } });
    const e = (path: string, matcher: Record<string, unknown>) => checkAnswer({ body: [{ path, matcher: matcher as never }] }, answer(body), scope());
    assert.equal(e("ok", { equals: true }).length, 0);
    assert.equal(e("m.id", { equals: compile("${steps.created.request.body.payload.object.id}") }).length, 0);
    assert.equal(e("topic", { contains: "daily" }).length, 0);
    assert.equal(e("tags", { contains: "b" }).length, 0);
    assert.equal(e("m", { contains: { n: { x: 1 } } }).length, 0);
    assert.equal(e("topic", { matches: "^Stand" }).length, 0);
    assert.equal(e("nope", { exists: false }).length, 0);
    assert.equal(e("m.n", { exists: true }).length, 0);
    const [f] = e("topic", { equals: compile("${vars.topic}") });
    assert.deepEqual([f!.check, f!.expected, f!.actual], ["body.topic", "Standup", "Standup daily"]);
    assert.match(e("missing", { equals: 1 })[0]!.message, /body\.missing: missing/);
    assert.match(e("tags", { contains: "c" })[0]!.message, /to contain "c"/);
    assert.match(checkAnswer({ body: [{ path: "ok", matcher: { equals: true } }] }, answer("not json"), scope())[0]!.message, /not JSON/);
  });

  it("header matchers", () => {
    assert.equal(checkAnswer({ headers: [{ name: "content-type", matcher: { matches: "json" } }] }, answer("{}"), scope()).length, 0);
    assert.match(checkAnswer({ headers: [{ name: "x-app", matcher: { exists: true } }] }, answer("{}"), scope())[0]!.message, /headers\.x-app: expected it to exist/);
  });
});
