// Where `zoomhook run`'s reports go: pretty on the terminal, github to stdout, json/junit to stdout or a file.
import { writeFileSync } from "node:fs";
import { usageError } from "../shared/errors.js";

export const REPORTERS = ["pretty", "json", "junit", "github"] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface ReporterPlan {
  name: ReporterName;
  /** A file to write; absent: stdout (pretty: stderr when another report holds stdout). */
  file?: string;
}

/** `--reporter junit=results.xml` names its own file; `--output` goes to the one json/junit reporter without one. */
export function planReporters(specs: readonly string[], output: string | undefined): ReporterPlan[] {
  const plans: ReporterPlan[] = (specs.length ? specs : ["pretty"]).map((spec) => {
    const eq = spec.indexOf("=");
    const name = (eq < 0 ? spec : spec.slice(0, eq)).trim() as ReporterName;
    if (!REPORTERS.includes(name)) throw usageError("unknown_reporter", `Unknown reporter "${name}".`, { hint: `Reporters: ${REPORTERS.join(", ")}.` });
    const file = eq < 0 ? undefined : spec.slice(eq + 1);
    if (file !== undefined && (name === "pretty" || name === "github")) throw usageError("bad_reporter", `The ${name} reporter writes to the terminal; only json and junit write files.`);
    return { name, file };
  });
  if (output !== undefined) {
    const open = plans.filter((p) => (p.name === "json" || p.name === "junit") && p.file === undefined);
    if (open.length !== 1) {
      throw usageError("bad_output", open.length === 0 ? "--output needs a json or junit reporter to write." : "--output is for one reporter, but json and junit are both given.", {
        hint: "Name each file: --reporter junit=results.xml --reporter json=results.json.",
      });
    }
    open[0]!.file = output;
  }
  const onStdout = plans.filter((p) => p.name !== "pretty" && p.file === undefined && p.name !== "github");
  if (onStdout.length > 1) throw usageError("bad_output", "json and junit cannot both write to stdout.", { hint: "Send one to a file: --reporter junit=results.xml." });
  return plans;
}

/** True when some report other than pretty writes to stdout: pretty then moves to stderr. */
export function stdoutTaken(plans: readonly ReporterPlan[]): boolean {
  return plans.some((p) => p.name !== "pretty" && p.file === undefined);
}

export function emit(plan: ReporterPlan, text: string): void {
  if (plan.file) writeFileSync(plan.file, text);
  else process.stdout.write(text);
}
