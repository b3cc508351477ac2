// The `check` step: zoomhook check's probes against the target; each failing probe is a failure of the step,
// warnings too under strict, and the whole report card is kept for the reports.
import { runCheck } from "../../check/run.js";
import { probeFails, probeLine } from "../../check/describe.js";
import type { CheckSpec, Failure } from "../types.js";
import { noAnswer, type StepContext, type StepOutcome } from "./context.js";

export async function runCheckStep(spec: CheckSpec, ctx: StepContext): Promise<StepOutcome> {
  const report = await runCheck({ provider: ctx.provider, url: ctx.url, secret: ctx.secret ?? "", only: spec.only, skip: spec.skip, strict: spec.strict });
  const failures: Failure[] = report.probes
    .filter((p) => probeFails(p, spec.strict))
    .map((p) => ({ check: `check: ${p.id}`, message: probeLine(p) }));
  if (!report.reachable) {
    const error = report.probes.flatMap((p) => p.exchanges).find((e) => e.error)?.error?.message ?? "nothing answered";
    failures.unshift(noAnswer(error));
  }
  const answered = report.probes.reduce((n, p) => n + p.exchanges.filter((e) => e.response).length, 0);
  return { exchanges: [], failures, check: report, deliveries: { made: report.requests, answered } };
}
