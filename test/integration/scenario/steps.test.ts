// Every step type played by the runner against real HTTP targets on 127.0.0.1:0: send (and its probes), crc, replay, http, wait.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, describe, it } from "node:test";
import { runScenarios, type RunOptions } from "../../../src/scenario/index.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { closedPort, signedOverBytes, startTarget, type Answer, type Recorded, type RecordingTarget } from "../send/recording-target.js";
import { load, scenarioFile } from "../../unit/scenario/helpers.js";

const SECRET = "scenario_secret";
const open: RecordingTarget[] = [];
after(() => Promise.all(open.map((t) => t.close())));
const target = async (script?: Parameters<typeof startTarget>[0]) => {
  const t = await startTarget(script);
  open.push(t);
  return t;
};
const play = async (yaml: string, options: RunOptions = {}) => runScenarios([await load(yaml, options.env ?? {})], { secretFor: () => SECRET, ...options });
const json = (r: Recorded) => JSON.parse(r.body.toString("utf8")) as { event: string; payload: { object: Record<string, unknown> } };

/** Answers like a correct Zoom endpoint: CRC with the HMAC of the plainToken, 401 for a bad signature, else {ok:true}. */
const zoomApp = (_n: number, rec: Recorded): Answer => {
  if (!signedOverBytes(rec, SECRET)) return { status: 401, body: '{"error":"invalid signature"}' };
  const body = json(rec) as unknown as { event: string; payload: { plainToken?: string } };
  if (body.event === "endpoint.url_validation") {
    const plainToken = body.payload.plainToken!;
    return { status: 200, body: JSON.stringify({ plainToken, encryptedToken: createHmac("sha256", SECRET).update(plainToken).digest("hex") }) };
  }
  return { status: 200, body: '{"ok":true}' };
};

describe("send steps", () => {
  it("signs the exact bytes, carries ids between steps by reference, and checks the answer", async () => {
    const t = await target(zoomApp);
    const fixture = scenarioFile('{"event":"meeting.deleted","payload":{"object":{"id":1}}}', "json");
    const run = await play(`target: ${t.url}
vars: { topic: Standup }
steps:
  - name: created
    send: meeting.created
  - name: started
    send:
      event: meeting.started
      set: { payload.object.id: "\${steps.created.request.body.payload.object.id}", payload.object.topic: "\${vars.topic}" }
      set-string: { payload.object.host_id: 12345 }
    expect: { status: 200, body: { ok: { equals: true } } }
  - name: raw
    send: { data: ${JSON.stringify(fixture.split("/").pop())} }
`);
    assert.equal(run.status, "passed", JSON.stringify(run.scenarios[0]!.steps.map((s) => s.failures)));
    assert.equal(t.seen.length, 3);
    for (const r of t.seen) assert.ok(signedOverBytes(r, SECRET));
    const [created, started] = t.seen.map(json);
    assert.equal(started!.event, "meeting.started");
    assert.equal(started!.payload.object.id, created!.payload.object.id, "the id is carried as the same number");
    assert.equal(typeof started!.payload.object.id, "number");
    assert.equal(started!.payload.object.topic, "Standup");
    assert.equal(started!.payload.object.host_id, "12345");
    assert.equal(t.seen[2]!.body.toString(), '{"event":"meeting.deleted","payload":{"object":{"id":1}}}', "a data file is sent byte for byte");
    const step = run.scenarios[0]!.steps[1]!;
    assert.equal(step.exchanges[0]!.response!.status, 200);
    assert.equal(step.exchanges[0]!.request.body, t.seen[1]!.body.toString());
  });

  it("probes: bad-signature and no-signature expect a 4xx by default; stale signs an old timestamp; duplicate delivers twice with one id", async () => {
    const t = await target(zoomApp);
    const run = await play(`target: ${t.url}
steps:
  - send: { event: meeting.ended, bad-signature: true }
  - send: { event: meeting.ended, no-signature: true }
  - send: { event: meeting.ended, stale: 3600 }
  - name: twice
    send: { event: meeting.ended, duplicate: true }
`);
    const steps = run.scenarios[0]!.steps;
    assert.deepEqual(steps.map((s) => s.status), ["passed", "passed", "failed", "passed"]);
    assert.equal(t.seen[1]!.headers["x-zm-signature"], undefined);
    const staleTs = Number(t.seen[2]!.headers["x-zm-request-timestamp"]);
    assert.ok(Date.now() / 1000 - staleTs > 3500, "signed an hour ago");
    assert.match(steps[2]!.failures[0]!.message, /expected status 4xx, got 200/, "this target does not check timestamps: the probe says so");
    assert.equal(steps[3]!.exchanges.length, 2);
    assert.equal(t.seen[3]!.headers["x-zm-request-id"], t.seen[4]!.headers["x-zm-request-id"]);
  });

  it("a failing expectation fails the step with expected and actual; other steps still run", async () => {
    const t = await target([{ status: 500, body: '{"ok":false}' }, { status: 200, body: '{"ok":true}' }]);
    const run = await play(`target: ${t.url}
steps:
  - send: meeting.created
    expect: { status: 200, body: { ok: true } }
  - send: meeting.created
`);
    const [first, second] = run.scenarios[0]!.steps;
    assert.equal(run.status, "failed");
    assert.deepEqual(first!.failures.map((f) => [f.check, f.expected, f.actual]), [["status", 200, 500], ["body.ok", true, false]]);
    assert.equal(second!.status, "passed");
  });
});

describe("crc steps", () => {
  it("grade the endpoint's answer as `zoomhook crc` does", async () => {
    const good = await target(zoomApp);
    const bad = await target([{ status: 200, body: '{"plainToken":"x","encryptedToken":"nope"}' }]);
    const run = await play(`steps:\n  - crc: { token: fixed_token_123 }\n`, { to: good.url });
    assert.equal(run.status, "passed");
    assert.equal(json(good.seen[0]!).event, "endpoint.url_validation");
    const failed = await play(`steps:\n  - crc: true\n`, { to: bad.url });
    const failures = failed.scenarios[0]!.steps[0]!.failures;
    assert.ok(failures.length > 0 && failures.every((f) => f.check.startsWith("crc: ")), JSON.stringify(failures));
  });
});

describe("replay steps", () => {
  it("replay an earlier step: same bytes, fresh signature; edited: re-signed over the new bytes", async () => {
    const t = await target(zoomApp);
    const run = await play(`target: ${t.url}
steps:
  - name: created
    send: meeting.created
  - replay: created
  - replay: { step: created, set: { payload.object.topic: Edited }, same-id: true }
`);
    assert.equal(run.status, "passed", JSON.stringify(run.scenarios[0]!.steps.map((s) => s.failures)));
    const [orig, again, edited] = t.seen;
    assert.deepEqual(again!.body, orig!.body);
    assert.notEqual(again!.headers["x-zm-request-id"], orig!.headers["x-zm-request-id"]);
    assert.equal(json(edited!).payload.object.topic, "Edited");
    assert.equal(edited!.headers["x-zm-request-id"], orig!.headers["x-zm-request-id"]);
    for (const r of t.seen) assert.ok(signedOverBytes(r, SECRET));
    assert.equal(again!.headers["x-zoomhook-replay-of"], undefined, "never marked, so a listener still forwards it");
  });
});

describe("http and wait steps", () => {
  it("http retries until its condition holds, then checks the body; wait pauses", async () => {
    const t = await target([{ status: 404 }, { status: 404 }, { status: 200, body: '{"topic":"Standup","n":2}' }]);
    const run = await play(`steps:
  - name: pause
    wait: 30
  - name: stored
    http: { url: "${t.url.replace("/webhook", "")}/meetings/1", headers: { x-test: yes } }
    retry: { until: { status: 200 }, timeout: 5000, interval: 10 }
    expect: { body: { topic: Standup, n: { equals: 2 } } }
  - http: { method: post, url: "${t.url}", body: { id: "\${steps.stored.response.body.n}" } }
`);
    const [pause, stored] = run.scenarios[0]!.steps;
    assert.equal(run.status, "passed", JSON.stringify(run.scenarios[0]!.steps.map((s) => s.failures)));
    assert.ok(pause!.durationMs >= 29);
    assert.equal(stored!.attempts, 3);
    assert.deepEqual(t.seen.map((r) => r.method), ["GET", "GET", "GET", "POST"]);
    assert.equal(t.seen[0]!.headers["x-test"], "yes");
    assert.equal(t.seen[3]!.body.toString(), '{"id":2}');
    assert.equal(t.seen[3]!.headers["content-type"], "application/json");
  });

  it("a retry that never succeeds fails with the last reason", async () => {
    const t = await target([{ status: 503 }]);
    const run = await play(`steps:\n  - http: "${t.url}"\n    retry: { until: { status: 200 }, timeout: 100, interval: 20 }\n`);
    const step = run.scenarios[0]!.steps[0]!;
    assert.equal(step.failures[0]!.check, "retry.until");
    assert.match(step.failures[0]!.message, /still not met after \d+ attempts in 100 ms: expected status 200, got 503/);
  });
});

describe("the run", () => {
  it("a reference that cannot be resolved at run time fails that step only", async () => {
    const t = await target([{ status: 200, body: "{}" }]);
    const run = await play(`target: ${t.url}\nsteps:\n  - name: a\n    send: meeting.created\n  - http: "${t.url}/\${steps.a.response.body.id}"\n  - send: meeting.created\n`);
    assert.deepEqual(run.scenarios[0]!.steps.map((s) => s.status), ["passed", "failed", "passed"]);
    assert.match(run.scenarios[0]!.steps[1]!.failures[0]!.message, /step "a"'s response body has no id/);
  });

  it("--grep runs the matching steps and the steps they read; --bail skips the rest after a failure", async () => {
    const t = await target([{ status: 200, body: "{}" }]);
    const yaml = `target: ${t.url}\nsteps:\n  - name: created\n    send: meeting.created\n  - name: other\n    send: meeting.updated\n  - name: ended\n    send: { event: meeting.ended, set: { payload.object.id: "\${steps.created.request.body.payload.object.id}" } }\n`;
    const grep = await play(yaml, { grep: "END" });
    assert.deepEqual(grep.scenarios[0]!.steps.map((s) => s.status), ["passed", "skipped", "passed"]);
    assert.equal(grep.scenarios[0]!.steps[1]!.skipReason, "not selected by --grep");
    const none = await play(yaml, { grep: "nothing matches" });
    assert.equal(none.scenarios[0]!.status, "skipped");
    const bail = await play(yaml.replace("send: meeting.updated", "send: meeting.updated\n    expect: { status: 500 }"), { bail: true });
    assert.deepEqual(bail.scenarios[0]!.steps.map((s) => s.status), ["passed", "failed", "skipped"]);
    assert.match(bail.scenarios[0]!.steps[2]!.skipReason!, /--bail/);
  });

  it("nothing answering any delivery marks the target unreachable", async () => {
    const port = await closedPort();
    const run = await play(`target: http://127.0.0.1:${port}/webhook\nsteps:\n  - send: meeting.created\n  - send: meeting.ended\n`, { timeoutMs: 2000 });
    assert.equal(run.targetUnreachable, true);
    assert.match(run.scenarios[0]!.steps[0]!.failures[0]!.message, /no answer: connection refused/);
  });

  it("an aborted signal (the app stopped) fails the running step and every later one", async () => {
    const controller = new AbortController();
    const t = await target((n) => {
      if (n === 0) controller.abort("the app exited with code 1");
      return { status: 200, body: "{}" };
    });
    const run = await play(`target: ${t.url}\nsteps:\n  - send: meeting.created\n  - send: meeting.ended\n`, { signal: controller.signal });
    assert.deepEqual(run.scenarios[0]!.steps.map((s) => [s.status, s.failures[0]?.message]), [
      ["failed", "the app exited with code 1"],
      ["failed", "the app exited with code 1"],
    ]);
    assert.equal(t.seen.length, 1, "nothing more is sent to a stopped app");
  });

  it("no secret for a signed step: refused before anything is sent (exit 3)", async () => {
    const t = await target();
    await assert.rejects(play(`target: ${t.url}\nsteps:\n  - send: { event: meeting.created, bad-signature: true }\n  - send: meeting.created\n`, { secretFor: () => undefined }), (e: unknown) => isZoomhookError(e) && e.exitCode === 3);
    assert.equal(t.seen.length, 0);
  });
});
