// The report formats: JUnit parsed by a strict XML reader, GitHub workflow commands asserted line by line, JSON round-tripped.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { githubProblems, githubReport } from "../../../src/scenario/reporters/github.js";
import { jsonReport } from "../../../src/scenario/reporters/json.js";
import { junitProblems, junitReport } from "../../../src/scenario/reporters/junit.js";
import type { RunResult } from "../../../src/scenario/types.js";
import { findAll, parseXml } from "../../support/xml.js";

const run: RunResult = {
  status: "failed",
  durationMs: 1234.5,
  summary: { scenarios: 2, steps: 4, passed: 2, failed: 1, skipped: 1 },
  appOutput: "listening\n::warning::not a command\nboom <&> \u0001",
  scenarios: [
    {
      file: "scenarios/meeting.yaml",
      name: 'meeting "lifecycle" <&>',
      provider: "zoom",
      target: "http://127.0.0.1:1/webhook",
      line: 1,
      status: "failed",
      durationMs: 1000,
      steps: [
        { index: 1, name: "created", type: "send", status: "passed", line: 4, durationMs: 12, exchanges: [], failures: [] },
        {
          index: 2,
          name: "forged, with: commas",
          type: "send",
          status: "failed",
          line: 7,
          durationMs: 8,
          exchanges: [{ request: { method: "POST", url: "http://127.0.0.1:1/webhook", headers: {}, body: "{}" }, response: { status: 200, headers: {}, body: '{"ok":true}', latencyMs: 7.6 } }],
          failures: [
            { check: "status", message: "expected status one of 401, 403, got 200", expected: [401, 403], actual: 200 },
            { check: "body.ok", message: "body.ok: expected false, got true\n100% sure", expected: false, actual: true },
          ],
        },
        { index: 3, name: "later", type: "wait", status: "skipped", line: 9, durationMs: 0, exchanges: [], failures: [], skipReason: "--bail: an earlier step failed" },
      ],
    },
    { file: "scenarios/ci.yaml", name: "pipeline", provider: "circleci", target: "http://127.0.0.1:2/", status: "passed", durationMs: 200, steps: [{ index: 1, name: "ping", type: "send", status: "passed", durationMs: 3, exchanges: [], failures: [] }] },
  ],
};

describe("junit", () => {
  it("is well-formed XML: one testsuite per scenario, one testcase per step, failure with message and details, skipped", () => {
    const root = parseXml(junitReport(run));
    assert.equal(root.name, "testsuites");
    assert.deepEqual([root.attrs.tests, root.attrs.failures, root.attrs.skipped], ["4", "1", "1"]);
    const suites = findAll(root, "testsuite");
    assert.deepEqual(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.file]), [
      ['meeting "lifecycle" <&>', "3", "1", "scenarios/meeting.yaml"],
      ["pipeline", "1", "0", "scenarios/ci.yaml"],
    ]);
    const cases = findAll(suites[0]!, "testcase");
    assert.deepEqual(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.line]), [
      ["1. created", 'meeting "lifecycle" <&>', "4"],
      ["2. forged, with: commas", 'meeting "lifecycle" <&>', "7"],
      ["3. later", 'meeting "lifecycle" <&>', "9"],
    ]);
    const [failure] = findAll(cases[1]!, "failure");
    assert.equal(failure!.attrs.message, "expected status one of 401, 403, got 200");
    assert.equal(failure!.attrs.type, "status");
    assert.match(failure!.text, /body\.ok: expected false, got true/);
    assert.match(failure!.text, /→ 200 in 8 ms\n\{"ok":true\}/);
    assert.equal(findAll(cases[2]!, "skipped")[0]!.attrs.message, "--bail: an earlier step failed");
    const [err] = findAll(suites[0]!, "system-err");
    assert.equal(err!.text, "listening\n::warning::not a command\nboom <&> \ufffd", "the app's output, the control character XML cannot carry replaced");
    assert.equal(findAll(suites[1]!, "system-err").length, 0);
  });

  it("an invalid scenario becomes a failed validation suite", () => {
    const root = parseXml(junitProblems([{ file: "a.yaml", line: 3, step: { index: 1, name: "x" }, key: "send", message: 'expected "<x>"' }]));
    const [c] = findAll(root, "testcase");
    assert.equal(c!.attrs.line, "3");
    assert.equal(findAll(c!, "failure")[0]!.attrs.message, 'expected "<x>"');
  });

  it("the strict reader rejects what is not well-formed (so the tests above can fail)", () => {
    for (const bad of ["<a><b></a>", '<a x="1" x="2"/>', "<a>&nbsp;</a>", "<a>1 < 2</a>", "<a/><b/>", "<a x=1/>", "<a>\u0001</a>"]) {
      assert.throws(() => parseXml(bad), Error, bad);
    }
  });
});

describe("github", () => {
  it("one error annotation per failed step at its file and line, the app's output grouped, a summary notice", () => {
    const lines = githubReport(run).trimEnd().split("\n");
    assert.equal(lines[0], '::error file=scenarios/meeting.yaml,line=7,title=meeting "lifecycle" <&> › 2. forged%2C with%3A commas::expected status one of 401, 403, got 200%0Abody.ok: expected false, got true%0A100%25 sure');
    assert.equal(lines[1], "::group::app output");
    assert.equal(lines[3], ": :warning::not a command", "the app's output cannot issue workflow commands");
    assert.equal(lines.at(-2), "::endgroup::");
    assert.equal(lines.at(-1), "::notice title=zoomhook run::2 passed, 1 failed, 1 skipped in 2 scenarios");
    assert.equal(lines.filter((l) => l.startsWith("::error")).length, 1);
  });

  it("invalid scenarios annotate each problem's line", () => {
    assert.equal(githubProblems([{ file: "a.yaml", line: 3, step: { index: 2, name: "s" }, key: "send.event", message: "unknown" }]), '::error file=a.yaml,line=3,title=invalid scenario::step 2 "s": send.event: unknown\n');
  });
});

describe("json", () => {
  it("is the run result, one document", () => {
    const parsed = JSON.parse(jsonReport(run)) as RunResult & { type: string };
    assert.equal(parsed.type, "run");
    assert.deepEqual(parsed.summary, run.summary);
    assert.equal(parsed.scenarios[0]!.steps[1]!.failures[1]!.check, "body.ok");
  });
});
