// `run`'s file reports: invalid scenarios and the run's result, written by every json/junit/github reporter asked for.
import type { Problem, RunResult, Scenario } from "../scenario/index.js";
import { isZoomhookError, usageError } from "../shared/errors.js";
import { emit, type ReporterPlan } from "./run-output.js";

/** Load and validate every file; invalid ones are reported in each format before the usage error. */
export async function loadAll(files: string[], plans: ReporterPlan[]): Promise<Scenario[]> {
  const { loadScenario } = await import("../scenario/index.js");
  const scenarios: Scenario[] = [];
  const problems: Problem[] = [];
  let firstError: unknown;
  for (const file of files) {
    try {
      scenarios.push(await loadScenario(file));
    } catch (err) {
      if (!isZoomhookError(err) || err.code !== "invalid_scenario" && err.code !== "scenario_unreadable") throw err;
      firstError ??= err;
      problems.push(...(((err.details?.problems as Problem[] | undefined) ?? [{ file, message: err.message }])));
    }
  }
  if (problems.length === 0) return scenarios;
  const [{ githubProblems }, { junitProblems }, { jsonProblems }] = await Promise.all([import("../scenario/reporters/github.js"), import("../scenario/reporters/junit.js"), import("../scenario/reporters/json.js")]);
  for (const p of plans) {
    if (p.name === "github") emit(p, githubProblems(problems));
    if (p.name === "junit") emit(p, junitProblems(problems));
    if (p.name === "json") emit(p, jsonProblems(problems));
  }
  if (files.length === 1 || problems.length === 0) throw firstError;
  const { describeProblem } = await import("../scenario/index.js");
  throw usageError("invalid_scenario", `${problems.length} problems in the scenario files; nothing was sent.\n  ${problems.map(describeProblem).join("\n  ")}`);
}

export async function writeReports(plans: ReporterPlan[], result: RunResult): Promise<void> {
  for (const p of plans) {
    if (p.name === "json") emit(p, (await import("../scenario/reporters/json.js")).jsonReport(result));
    if (p.name === "junit") emit(p, (await import("../scenario/reporters/junit.js")).junitReport(result));
    if (p.name === "github") emit(p, (await import("../scenario/reporters/github.js")).githubReport(result));
  }
}
