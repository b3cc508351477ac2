// Scenario test helpers: write a scenario file into a temp folder and load it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { loadScenario } from "../../../src/scenario/index.js";
import { isZoomhookError, type ZoomhookError } from "../../../src/shared/errors.js";
import type { Problem } from "../../../src/scenario/problems.js";

const dir = mkdtempSync(join(tmpdir(), "zoomhook-scenario-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

export function scenarioFile(text: string, ext = "yaml"): string {
  const file = join(dir, `s${++n}.${ext}`);
  writeFileSync(file, text);
  return file;
}

export const load = (text: string, env: NodeJS.ProcessEnv = {}, ext = "yaml") => loadScenario(scenarioFile(text, ext), env);

/** The problems of an invalid scenario (fails the test if it loads). */
export async function problemsOf(text: string, env: NodeJS.ProcessEnv = {}, ext = "yaml"): Promise<{ err: ZoomhookError; problems: Problem[] }> {
  try {
    await load(text, env, ext);
  } catch (err) {
    if (!isZoomhookError(err)) throw err;
    return { err, problems: (err.details?.problems as Problem[]) ?? [] };
  }
  throw new Error("the scenario loaded, but it should be invalid");
}
