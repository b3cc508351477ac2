// GitHub Actions workflow commands: an error annotation on the scenario file and line of each failed step.
// https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
import { isAbsolute, relative, sep } from "node:path";
import { probeLine } from "../../check/describe.js";
import type { Problem } from "../problems.js";
import type { RunResult } from "../types.js";

/** Message text: %, CR and LF are encoded so one command stays on one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values also encode : and , (they separate properties). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub matches annotations to files by their path in the repository: an absolute path is made relative to the working directory. */
function repoPath(file: string): string {
  return isAbsolute(file) ? relative(process.cwd(), file).split(sep).join("/") : file;
}

function annotation(kind: "error" | "warning" | "notice", props: { file?: string; line?: number; title?: string }, message: string): string {
  const parts = [props.file && `file=${escapeProperty(repoPath(props.file))}`, props.line && `line=${props.line}`, props.title && `title=${escapeProperty(props.title)}`].filter(Boolean);
  return `::${kind}${parts.length ? ` ${parts.join(",")}` : ""}::${escapeData(message)}\n`;
}

export function githubReport(run: RunResult): string {
  let out = "";
  for (const sc of run.scenarios) {
    for (const step of sc.steps) {
      const where = { file: sc.file, line: step.line ?? sc.line, title: `${sc.name} › ${step.index}. ${step.name}` };
      if (step.status === "failed") out += annotation("error", where, step.failures.map((f) => f.message).join("\n"));
      // A check step's warnings do not fail it (without strict), but they are worth a look on the pull request.
      if (step.check && !step.check.strict) {
        for (const p of step.check.probes.filter((x) => x.verdict === "warn")) out += annotation("warning", where, probeLine(p));
      }
    }
  }
  if (run.status === "failed" && run.appOutput) {
    out += `::group::app output\n${run.appOutput.replace(/^::/gm, ": :")}\n::endgroup::\n`;
  }
  const s = run.summary;
  out += annotation("notice", { title: "zoomhook run" }, `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped in ${s.scenarios} scenario${s.scenarios === 1 ? "" : "s"}`);
  return out;
}

export function githubProblems(problems: readonly Problem[]): string {
  return problems.map((p) => annotation("error", { file: p.file, line: p.line, title: "invalid scenario" }, `${p.step ? `step ${p.step.index}${p.step.name ? ` "${p.step.name}"` : ""}: ` : ""}${p.key ? `${p.key}: ` : ""}${p.message}`)).join("");
}
