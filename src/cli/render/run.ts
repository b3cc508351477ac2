// The live report of `zoomhook run`: each step with its status, answer and latency; the first failing expectation with a diff.
import type { RunResult, Scenario, StepResult } from "../../scenario/index.js";
import type { ChalkInstance } from "chalk";
import { checkRenderer } from "./check.js";
import { err as errStyle, out as outStyle, symbols } from "./style.js";

export interface PrettyReporter {
  scenarioStart(scenario: Scenario, target: string): void;
  step(result: StepResult): void;
  done(run: RunResult): void;
  note(text: string): void;
}

export function prettyReporter(write: (text: string) => void, toStderr: boolean): PrettyReporter {
  const c: ChalkInstance = toStderr ? errStyle : outStyle;
  return {
    note: (text) => write(`${c.dim(text)}\n`),
    scenarioStart(scenario, target) {
      write(`\n${c.bold(scenario.name)}  ${c.dim(target ? `${scenario.file} → ${target}` : scenario.file)}\n`);
    },
    step(r) {
      write(renderStep(c, r));
    },
    done(run) {
      const s = run.summary;
      if (run.status === "failed" && run.appOutput) write(`\n${c.dim("── app output ──")}\n${run.appOutput.trimEnd()}\n${c.dim("────────────────")}\n`);
      const parts = [c.green(`${s.passed} passed`), s.failed ? c.red(`${s.failed} failed`) : `${s.failed} failed`, `${s.skipped} skipped`];
      write(`\n${parts.join(", ")}  ${c.dim(`(${s.scenarios} scenario${s.scenarios === 1 ? "" : "s"}, ${(run.durationMs / 1000).toFixed(2)} s)`)}\n`);
    },
  };
}

function renderStep(c: ChalkInstance, r: StepResult): string {
  const label = `${r.index}. ${r.name}`;
  if (r.status === "skipped") return `  ${c.dim(`- ${label}  skipped (${r.skipReason ?? ""})`)}\n`;
  const ex = r.exchanges.at(-1);
  const answer = ex?.response ? `${ex.response.status}  ${Math.round(ex.response.latencyMs)} ms` : ex ? "no answer" : r.type === "wait" ? `${Math.round(r.durationMs)} ms` : "";
  if (r.check) return renderCheckStep(c, r, label);
  const attempts = r.attempts && r.attempts > 1 ? c.dim(`  (${r.attempts} attempts)`) : "";
  if (r.status === "passed") return `  ${c.green(symbols.ok)} ${label}  ${c.dim(answer)}${attempts}\n`;
  const first = r.failures[0]!;
  let text = `  ${c.red(symbols.fail)} ${label}  ${answer}${attempts}\n      ${c.red(first.message)}\n`;
  if (first.expected !== undefined && first.actual !== undefined && (typeof first.expected === "object" || typeof first.actual === "object" || String(first.actual).length > 20)) {
    text += diff(c, first.expected, first.actual);
  }
  if (r.failures.length > 1) text += `      ${c.dim(`and ${r.failures.length - 1} more: ${r.failures.slice(1).map((f) => f.check).join(", ")}`)}\n`;
  return text;
}

/** A check step: the tally on the step's line, then the report card's probe lines, indented under it. */
function renderCheckStep(c: ChalkInstance, r: StepResult, label: string): string {
  const report = r.check!;
  const k = report.counts;
  const tally = [`${k.pass} passed`, k.warn ? `${k.warn} warning${k.warn === 1 ? "" : "s"}` : "", k.fail ? `${k.fail} failed` : "", `${report.requests} request${report.requests === 1 ? "" : "s"}`].filter(Boolean).join(" · ");
  const head = r.status === "passed" ? `  ${c.green(symbols.ok)} ${label}  ${c.dim(tally)}\n` : `  ${c.red(symbols.fail)} ${label}  ${tally}\n`;
  const card = checkRenderer(report.provider, false, 4);
  // Under a step, a passing probe is one line: its note (advice worth reading once) is left to `zoomhook check`.
  const probes = report.probes.map((p) => card.probe(p.verdict === "pass" ? { ...p, note: undefined } : p)).join("");
  const unreachable = r.failures.find((f) => f.check === "answer");
  const indented = probes.replace(/^(?=.)/gm, "    ");
  return `${head}${unreachable ? `      ${c.red(unreachable.message)}\n` : ""}${indented}`;
}

/** Expected vs actual, line by line (pretty JSON), marking lines that differ. */
function diff(c: ChalkInstance, expected: unknown, actual: unknown): string {
  const a = JSON.stringify(expected, null, 2)?.split("\n") ?? ["undefined"];
  const b = JSON.stringify(actual, null, 2)?.split("\n") ?? ["undefined"];
  const shown = (lines: string[], other: Set<string>, mark: string, paint: (s: string) => string) =>
    lines.slice(0, 30).map((l) => (other.has(l) ? `        ${c.dim(`  ${l}`)}` : `        ${paint(`${mark} ${l}`)}`)).join("\n");
  return `${c.dim("        - expected  + actual")}\n${shown(a, new Set(b), "-", c.green)}\n${shown(b, new Set(a), "+", c.red)}\n`;
}
