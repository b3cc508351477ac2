// The scenario runner's surface: load and validate files, run them, and the result types.
import { loadScenarioFile } from "./load.js";
import { validateScenario } from "./validate.js";
import type { Scenario } from "./types.js";

export { runScenarios, DEFAULT_STEP_TIMEOUT_MS, type RunOptions } from "./run.js";
export { describeProblem, type Problem } from "./problems.js";
export type * from "./types.js";

/** Read and validate one scenario file; an invalid file is a usage error (exit 2) listing every problem. */
export async function loadScenario(file: string, env: NodeJS.ProcessEnv = process.env): Promise<Scenario> {
  return validateScenario(await loadScenarioFile(file), env);
}
