// JUnit XML for CI systems: one testsuite per scenario, one testcase per step, failures with message and details.
import { probeDetails, probeFails } from "../../check/describe.js";
import { junitXml, type JunitCase } from "../../shared/junit.js";
import type { Problem } from "../problems.js";
import { describeProblem } from "../problems.js";
import type { RunResult, StepResult } from "../types.js";

export function junitReport(run: RunResult): string {
  const suites = run.scenarios.map((sc) => ({
    name: sc.name,
    timeMs: sc.durationMs,
    file: sc.file,
    properties: { provider: sc.provider, target: sc.target },
    cases: sc.steps.map((step) => testcase(sc.name, sc.file, step)),
    systemErr: sc.steps.some((x) => x.status === "failed") ? run.appOutput : undefined,
  }));
  return junitXml("zoomhook run", suites, run.durationMs);
}

function testcase(suite: string, file: string, step: StepResult): JunitCase {
  const c: JunitCase = { name: `${step.index}. ${step.name}`, classname: suite, timeMs: step.durationMs, file, line: step.line };
  if (step.status === "skipped") c.skipped = step.skipReason ?? "skipped";
  if (step.status !== "failed") return c;
  const first = step.failures[0]!;
  const details = [
    ...step.failures.map((f) => `✖ ${f.message}${f.expected !== undefined ? `\n  expected: ${JSON.stringify(f.expected)}\n  actual:   ${JSON.stringify(f.actual)}` : ""}`),
    ...(step.check?.probes ?? []).filter((p) => probeFails(p, step.check!.strict)).map((p) => `── ${p.id}: ${p.verdict}\n${probeDetails(p)}`),
    ...step.exchanges.map((e) => `${e.request.method} ${e.request.url}\n→ ${e.response ? `${e.response.status} in ${Math.round(e.response.latencyMs)} ms\n${e.response.body.slice(0, 2000)}` : `no answer: ${e.error ?? ""}`}`),
  ].join("\n");
  c.failure = { message: first.message, type: first.check, details };
  return c;
}

/** An invalid scenario as a failed suite, so CI shows why nothing ran. */
export function junitProblems(problems: readonly Problem[]): string {
  const cases = problems.map((p) => ({ name: describeProblem(p), classname: "scenario validation", file: p.file, line: p.line, failure: { message: p.message, type: "invalid_scenario" } }));
  return junitXml("zoomhook run", [{ name: "scenario validation", cases }]);
}
