// The `check` step in scenarios: zoomhook check's probes played by the runner against real endpoints on 127.0.0.1:0
// (a receiver written like Zoom's sample app, zoomhook's own listen, a closed port), and how each report shows them.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { prettyReporter } from "../../../src/cli/render/run.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";
import { githubReport } from "../../../src/scenario/reporters/github.js";
import { junitReport } from "../../../src/scenario/reporters/junit.js";
import { runScenarios, type RunResult } from "../../../src/scenario/index.js";
import { startListen } from "../../../src/session/listen.js";
import { createBus } from "../../../src/shared/bus.js";
import { startSampleReceiver, type SampleReceiver } from "../../support/zoom-sample-receiver.js";
import { findAll, parseXml } from "../../support/xml.js";
import { load } from "../../unit/scenario/helpers.js";
import { closedPort } from "../send/recording-target.js";

const SECRET = "check_step_secret";
const play = async (yaml: string) => runScenarios([await load(yaml)], { secretFor: () => SECRET });

function pretty(run: RunResult): string {
  let text = "";
  const r = prettyReporter((t) => (text += t), false);
  for (const sc of run.scenarios) for (const step of sc.steps) r.step(step);
  return text;
}

describe("a check step against a receiver written like Zoom's sample app", () => {
  let sample: SampleReceiver;
  let run: RunResult;
  before(async () => {
    sample = await startSampleReceiver(SECRET);
    run = await play(`target: ${sample.url}
steps:
  - name: basics
    check: { only: [crc, raw-bytes, stale-timestamp] }
  - name: strict
    check: { only: [stale-timestamp], strict: true }
  - name: the crc alone
    check: { only: [crc] }
  - send: meeting.created
`);
  });
  after(() => sample.close());

  it("a failing probe fails the step, a warning does not (unless strict); the other steps still run", () => {
    const steps = run.scenarios[0]!.steps;
    assert.deepEqual(steps.map((s) => [s.name, s.type, s.status]), [
      ["basics", "check", "failed"],
      ["strict", "check", "failed"],
      ["the crc alone", "check", "passed"],
      ["send meeting.created", "send", "passed"],
    ]);
    const basics = steps[0]!;
    assert.deepEqual(basics.check!.probes.map((p) => [p.id, p.verdict]), [["crc", "pass"], ["stale-timestamp", "warn"], ["raw-bytes", "fail"]]);
    assert.deepEqual(basics.failures.map((f) => f.check), ["check: raw-bytes"], "the warning is not a failure");
    assert.match(basics.failures[0]!.message, /^raw-bytes \(fail\): .* Fix: .*exact bytes/);
    assert.deepEqual(steps[1]!.failures.map((f) => f.check), ["check: stale-timestamp"]);
    assert.equal(run.status, "failed");
    assert.equal(run.targetUnreachable, undefined);
  });

  it("JUnit: one testcase per step, the failing probes' cause and fix in the failure's text", () => {
    const root = parseXml(junitReport(run));
    const cases = findAll(root, "testcase");
    assert.deepEqual(cases.map((c) => [c.attrs.name, findAll(c, "failure").length]), [
      ["1. basics", 1],
      ["2. strict", 1],
      ["3. the crc alone", 0],
      ["4. send meeting.created", 0],
    ]);
    const [failure] = findAll(cases[0]!, "failure");
    assert.equal(failure!.attrs.type, "check: raw-bytes");
    assert.match(failure!.text, /── raw-bytes: fail\n.*\ncause: .*re-serialised body/);
    assert.match(failure!.text, /sent POST http:\/\/127\.0\.0\.1:\d+\/webhook \(meeting\.started, pretty-printed, \d+ bytes\)\ngot {2}401/);
    assert.doesNotMatch(failure!.text, /── stale-timestamp/, "a warning is not listed as a failure without strict");
  });

  it("GitHub: an error for each failing step, a warning for a lenient step's warnings", () => {
    const lines = githubReport(run).trimEnd().split("\n");
    assert.deepEqual(lines.map((l) => /^::(\w+) [^:]*title=[^:]*› (\d)\.[^:]*::([\w-]+ \(\w+\))/.exec(l)?.slice(1).join(" ") ?? l.slice(0, 28)), [
      "error 1 raw-bytes (fail)",
      "warning 1 stale-timestamp (warn)",
      "error 2 stale-timestamp (warn)",
      "::notice title=zoomhook run:",
    ]);
  });

  it("the pretty report shows the tally on the step's line and every probe under it", () => {
    const text = pretty(run);
    assert.match(text, /✖ 1\. basics {2}1 passed · 1 warning · 1 failed · \d+ requests\n/);
    assert.match(text, /\n {6}✔ crc /);
    assert.match(text, /\n {6}⚠ stale-timestamp /);
    assert.match(text, /\n {6}✖ raw-bytes /);
    assert.match(text, /\n {8}fix {4}/);
    assert.match(text, /✔ 3\. the crc alone {2}1 passed · 1 request\n {6}✔ crc /);
  });
});

describe("a check step against zoomhook's own listen", () => {
  let state: string;
  before(async () => {
    state = await mkdtemp(join(tmpdir(), "zoomhook-check-step-"));
  });
  after(() => rm(state, { recursive: true, force: true }));

  it("every probe passes, strict or not", async () => {
    const session = await startListen(
      { host: "127.0.0.1", port: 0, portExplicit: true, path: "/webhook", provider: zoomProvider, secret: SECRET, toleranceSeconds: 300, maxBody: 10 * 1024 * 1024, store: false, inspect: false, tunnel: false, cwd: state },
      { bus: createBus(), env: { ...process.env, ZOOMHOOK_STATE_DIR: state } },
    );
    try {
      const run = await play(`target: ${session.ready.localUrl}\nsteps:\n  - check: { strict: true }\n`);
      const step = run.scenarios[0]!.steps[0]!;
      assert.deepEqual(step.failures, []);
      assert.equal(step.status, "passed");
      assert.equal(step.check!.probes.length, 11);
      assert.ok(step.check!.probes.every((p) => p.verdict === "pass"));
    } finally {
      await session.close();
    }
  });
});

describe("a check step against a closed port", () => {
  it("fails once with no answer, and the run says the target never came up", async () => {
    const port = await closedPort();
    const run = await play(`target: http://127.0.0.1:${port}/webhook\nsteps:\n  - check: { only: [crc, valid-event, raw-bytes] }\n`);
    const step = run.scenarios[0]!.steps[0]!;
    assert.equal(step.status, "failed");
    assert.equal(step.failures[0]!.check, "answer");
    assert.match(step.failures[0]!.message, /^no answer: /);
    assert.deepEqual(step.check!.notRun, ["valid-event", "raw-bytes"], "after silence, the rest are not run");
    assert.equal(run.targetUnreachable, true);
  });
});
