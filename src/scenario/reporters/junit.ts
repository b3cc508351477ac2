// JUnit XML for CI systems: one testsuite per scenario, one testcase per step, failures with message and details.
import type { Problem } from "../problems.js";
import { describeProblem } from "../problems.js";
import type { RunResult, StepResult } from "../types.js";

// XML 1.0 cannot carry most control characters, even escaped: they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(run: RunResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = run.summary;
  out.push(`<testsuites name="zoomhook run" tests="${s.steps}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds(run.durationMs)}">`);
  for (const sc of run.scenarios) {
    const failed = sc.steps.filter((x) => x.status === "failed").length;
    const skipped = sc.steps.filter((x) => x.status === "skipped").length;
    out.push(
      `  <testsuite name="${xmlEscape(sc.name)}" tests="${sc.steps.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(sc.durationMs)}" file="${xmlEscape(sc.file)}">`,
    );
    out.push(`    <properties><property name="provider" value="${xmlEscape(sc.provider)}"/><property name="target" value="${xmlEscape(sc.target)}"/></properties>`);
    for (const step of sc.steps) out.push(testcase(sc.name, sc.file, step));
    if (failed > 0 && run.appOutput) out.push(`    <system-err>${xmlEscape(run.appOutput)}</system-err>`);
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function testcase(suite: string, file: string, step: StepResult): string {
  const attrs = `name="${xmlEscape(`${step.index}. ${step.name}`)}" classname="${xmlEscape(suite)}" time="${seconds(step.durationMs)}" file="${xmlEscape(file)}"${step.line ? ` line="${step.line}"` : ""}`;
  if (step.status === "passed") return `    <testcase ${attrs}/>`;
  if (step.status === "skipped") return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(step.skipReason ?? "skipped")}"/>\n    </testcase>`;
  const first = step.failures[0]!;
  const details = [
    ...step.failures.map((f) => `✖ ${f.message}${f.expected !== undefined ? `\n  expected: ${JSON.stringify(f.expected)}\n  actual:   ${JSON.stringify(f.actual)}` : ""}`),
    ...step.exchanges.map((e) => `${e.request.method} ${e.request.url}\n→ ${e.response ? `${e.response.status} in ${Math.round(e.response.latencyMs)} ms\n${e.response.body.slice(0, 2000)}` : `no answer: ${e.error ?? ""}`}`),
  ].join("\n");
  return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(first.message)}" type="${xmlEscape(first.check)}">${xmlEscape(details)}</failure>\n    </testcase>`;
}

/** An invalid scenario as a failed suite, so CI shows why nothing ran. */
export function junitProblems(problems: readonly Problem[]): string {
  const cases = problems.map((p) => `    <testcase name="${xmlEscape(describeProblem(p))}" classname="scenario validation" file="${xmlEscape(p.file)}"${p.line ? ` line="${p.line}"` : ""}>\n      <failure message="${xmlEscape(p.message)}" type="invalid_scenario"/>\n    </testcase>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zoomhook run" tests="${problems.length}" failures="${problems.length}" errors="0">\n  <testsuite name="scenario validation" tests="${problems.length}" failures="${problems.length}" errors="0">\n${cases.join("\n")}\n  </testsuite>\n</testsuites>\n`;
}
