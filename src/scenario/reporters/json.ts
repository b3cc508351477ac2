// The run as one JSON document (for scripts), and invalid-scenario problems in the same shape.
import type { Problem } from "../problems.js";
import type { RunResult } from "../types.js";

export function jsonReport(run: RunResult): string {
  return `${JSON.stringify({ type: "run", ...run }, null, 2)}\n`;
}

export function jsonProblems(problems: readonly Problem[]): string {
  return `${JSON.stringify({ type: "invalid", status: "invalid", problems }, null, 2)}\n`;
}
