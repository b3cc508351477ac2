// Run scenario files from code: load and validate them all first, then play them; the result object is the report.
import { getProvider } from "../providers/registry.js";
import { loadScenario, runScenarios, type RunOptions, type RunResult } from "../scenario/index.js";
import { expandScenarioArgs } from "../scenario/glob.js";

export interface RunFilesOptions extends RunOptions {
  /** Signs every scenario's deliveries (default: each provider's environment variable). */
  secret?: string;
}

export async function runScenarioFiles(files: string | readonly string[], options: RunFilesOptions = {}): Promise<RunResult> {
  const env = options.env ?? process.env;
  const scenarios = [];
  for (const file of expandScenarioArgs(typeof files === "string" ? [files] : files)) scenarios.push(await loadScenario(file, env));
  const secretFor = options.secretFor ?? ((p: ReturnType<typeof getProvider>) => options.secret ?? env[p.secret.env]);
  return runScenarios(scenarios, { ...options, env, secretFor });
}
