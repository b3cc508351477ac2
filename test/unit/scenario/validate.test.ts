// Scenario validation: every problem names the file, line, step (index and name) and key, and says what was expected.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTemplate } from "../../../src/scenario/template.js";
import { load, problemsOf } from "./helpers.js";

describe("a valid scenario", () => {
  it("keeps the issue's example shape: shorthand send, set with references, status classes and lists, http with retry", async () => {
    const s = await load(`name: meeting lifecycle
provider: zoom
vars: { topic: Standup }
steps:
  - name: created
    send: meeting.created
    expect: { status: 2xx, maxLatencyMs: 3000 }
  - name: started
    send:
      event: meeting.started
      set: { payload.object.id: "\${steps.created.request.body.payload.object.id}", payload.object.topic: "\${vars.topic}" }
    expect: { status: 200, body: { ok: { equals: true } } }
  - name: forged
    send: { event: meeting.ended, bad-signature: true }
    expect: { status: [401, 403] }
  - name: stored
    http: { method: GET, url: "http://localhost:3000/meetings/\${steps.created.request.body.payload.object.id}" }
    retry: { until: { status: 200 }, timeout: 5000 }
    expect: { body: { topic: { equals: Standup } } }
`);
    assert.equal(s.name, "meeting lifecycle");
    assert.deepEqual(s.steps.map((x) => [x.index, x.name, x.type, x.line]), [[1, "created", "send", 5], [2, "started", "send", 8], [3, "forged", "send", 13], [4, "stored", "http", 16]]);
    const started = s.steps[1]!;
    assert.ok(started.type === "send");
    assert.deepEqual(started.needs, ["created"]);
    assert.ok(isTemplate(started.send.set[0]!.value));
    assert.deepEqual(s.steps[0]!.expect, { status: ["2xx"], maxLatencyMs: 3000 });
    assert.deepEqual(s.steps[2]!.expect.status, [401, 403]);
    const stored = s.steps[3]!;
    assert.ok(stored.type === "http" && stored.retry);
    assert.deepEqual([stored.retry.timeoutMs, stored.retry.intervalMs, stored.retry.until.status], [5000, 200, [200]]);
  });

  it("reads JSON scenario files too, and names unnamed steps after what they do", async () => {
    const s = await load(JSON.stringify({ provider: "circleci", steps: [{ send: "workflow-completed" }, { wait: 10 }, { http: "http://127.0.0.1:1/health" }] }), {}, "json");
    assert.equal(s.provider, "circleci");
    assert.deepEqual(s.steps.map((x) => x.name), ["send workflow-completed", "wait 10 ms", "GET http://127.0.0.1:1/health"]);
    assert.match(s.name, /^s\d+$/, "the file's name when the scenario has none");
  });
});

describe("an invalid scenario", () => {
  it("a reference to a missing step: exit 2, naming the step, the key and the line", async () => {
    const { err, problems } = await problemsOf(`steps:
  - name: created
    send: meeting.created
  - name: started
    send:
      event: meeting.started
      set: { payload.object.id: "\${steps.create.request.body.payload.object.id}" }
`);
    assert.equal(err.exitCode, 2);
    assert.equal(err.code, "invalid_scenario");
    assert.equal(problems.length, 1);
    assert.deepEqual({ ...problems[0], file: undefined }, {
      file: undefined,
      line: 7,
      step: { index: 2, name: "started" },
      key: "send.set.payload.object.id",
      message: '${steps.create.request.body.payload.object.id}: there is no step named "create"',
    });
    assert.match(err.message, /s\d+\.yaml:7: step 2 "started": send\.set\.payload\.object\.id: .*no step named "create"/);
    assert.match(err.message, /nothing was sent/);
  });

  it("a reference to a later step, and to a wait step, say why they cannot be read", async () => {
    const { problems } = await problemsOf(`steps:
  - name: pause
    wait: 1
  - http: "http://x/\${steps.later.response.body.id}"
  - http: "http://x/\${steps.pause.response.status}"
  - name: later
    send: meeting.created
`);
    assert.deepEqual(problems.map((p) => [p.step?.index, p.line, p.message.replace(/^\S+: /, "")]), [
      [2, 4, 'step "later" comes later; a step can only read the steps before it'],
      [3, 5, 'step "pause" is a wait step, which makes no request'],
    ]);
  });

  it("wrong types, unknown keys and unknown events: all listed at once, in line order", async () => {
    const { problems } = await problemsOf(`name: bad
provider: zoom
stepz: []
steps:
  - name: a
    send:
      event: meeting.strated
      bad-signature: yes
    expect: { status: 2xy, maxLatencyMs: fast }
  - crc: { tokn: x }
  - wait: -5
    retry: {}
`);
    const brief = problems.map((p) => `${p.line} ${p.step ? `#${p.step.index}` : "-"} ${p.key ?? ""}: ${p.message}`);
    assert.deepEqual(brief.map((b) => b.split(":")[0]), [
      "3 - stepz",
      "7 #1 send.event",
      "8 #1 send.bad-signature",
      "9 #1 expect.status",
      "9 #1 expect.maxLatencyMs",
      "10 #2 crc.tokn",
      "11 #3 wait",
      "12 #3 retry",
    ]);
    assert.match(brief[0]!, /did you mean "steps"/);
    assert.match(brief[1]!, /Did you mean "meeting.started"/);
    assert.match(brief[2]!, /expected true or false, got "yes"/);
    assert.match(brief[3]!, /a class \(2xx\)/);
    assert.match(brief[6]!, /milliseconds ≥ 0, got -5/);
  });

  it("conflicting probes are refused like send's conflicting flags", async () => {
    const { problems } = await problemsOf(`steps:
  - send: { event: meeting.created, bad-signature: true, no-signature: true }
  - send: { event: meeting.created, stale: 600, no-signature: true }
`);
    assert.deepEqual(problems.map((p) => [p.step?.index, p.key]), [[1, "send.no-signature"], [2, "send.stale"]]);
    assert.match(problems[0]!.message, /pick one/);
  });

  it("refers to vars and environment variables that do not exist", async () => {
    const { problems } = await problemsOf(`vars: { a: 1 }
target: "http://127.0.0.1:\${env.NOT_SET_ANYWHERE}/webhook"
steps:
  - send: { event: meeting.created, set: { payload.object.topic: "\${vars.b}" } }
`);
    assert.deepEqual(problems.map((p) => p.message), ["${env.NOT_SET_ANYWHERE}: the environment variable NOT_SET_ANYWHERE is not set", '${vars.b}: no var "b" (vars: a)']);
  });

  it("provider-specific keys are refused for the other provider; a crc step needs a handshake", async () => {
    const { problems } = await problemsOf(`provider: circleci
steps:
  - send: { event: job-completed, meeting-id: "1" }
  - crc: true
`);
    assert.match(problems[0]!.message, /Zoom's/);
    assert.match(problems[1]!.message, /CircleCI sends no URL validation/);
  });

  it("broken YAML and JSON are exit 2 with the line", async () => {
    const yaml = await problemsOf("steps:\n  - send: [unclosed\n");
    assert.equal(yaml.err.exitCode, 2);
    assert.ok(yaml.problems[0]!.line! >= 2);
    const json = await problemsOf('{"steps": [', {}, "json");
    assert.match(json.err.message, /not valid JSON/);
  });

  it("duplicate step names, a step with two types, a malformed reference", async () => {
    const { problems } = await problemsOf(`steps:
  - name: a
    send: meeting.created
  - name: a
    send: meeting.created
  - send: meeting.created
    wait: 5
  - http: "http://x/\${steps.a.body}"
`);
    assert.deepEqual(problems.map((p) => p.step?.index), [2, 3, 4]);
    assert.match(problems[0]!.message, /already named "a"/);
    assert.match(problems[1]!.message, /one step type, got send and wait/);
    assert.match(problems[2]!.message, /write \$\{steps\.<name>\.request\.body/);
  });

  it("check steps: true, null, or only/skip/strict; ids checked against the provider's probes", async () => {
    const ok = await load(`steps:
  - check: true
  - check:
  - name: basics
    check: { only: [crc, raw-bytes], strict: true }
  - check: { skip: "large-body, slow-answer" }
`);
    assert.deepEqual(ok.steps.map((s) => (s.type === "check" ? [s.name, s.check] : s.type)), [
      ["check", { only: [], skip: [], strict: false }],
      ["check", { only: [], skip: [], strict: false }],
      ["basics", { only: ["crc", "raw-bytes"], skip: [], strict: true }],
      ["check", { only: [], skip: ["large-body", "slow-answer"], strict: false }],
    ]);
    const { problems } = await problemsOf(`steps:
  - name: c
    check: { only: [crc, raw-byte], strict: maybe }
    expect: { status: 200 }
  - check: { only: [crc], skip: [crc] }
  - check: [crc]
  - send: { event: meeting.created, set: { payload.object.topic: "\${steps.c.response.body}" } }
`);
    assert.deepEqual(problems.map((p) => [p.line, p.step?.index, p.key]), [
      [3, 1, "check.only"],
      [3, 1, "check.strict"],
      [4, 1, "expect"],
      [5, 2, "check.skip"],
      [6, 3, "check"],
      [7, 4, "send.set.payload.object.topic"],
    ]);
    assert.match(problems[0]!.message, /"raw-byte" is not a probe for Zoom; expected some of crc, valid-event, .*raw-bytes/);
    assert.match(problems[2]!.message, /grades its own probes/);
    assert.match(problems[3]!.message, /nothing would run/);
    assert.match(problems[4]!.message, /expected true or a mapping with only, skip, strict/);
    assert.match(problems[5]!.message, /is a check step, which makes many requests/);
  });

  it("a check step for CircleCI offers CircleCI's probes: no crc", async () => {
    const { problems } = await problemsOf(`provider: circleci
steps:
  - check: { only: [crc] }
`);
    assert.match(problems[0]!.message, /"crc" is not a probe for CircleCI; expected some of valid-event/);
  });
});
