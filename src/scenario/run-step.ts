// Play one step: resolve, execute, check every answer against `expect` (with the step type's defaults).
import { isZoomhookError } from "../shared/errors.js";
import { checkAnswer } from "./assert.js";
import { ReferenceFailure } from "./resolve.js";
import { runCheckStep } from "./steps/check.js";
import { runCrc } from "./steps/crc.js";
import type { StepContext, StepOutcome } from "./steps/context.js";
import { runHttp, sleep } from "./steps/http.js";
import { runReplay } from "./steps/replay.js";
import { runSend } from "./steps/send.js";
import type { Expect, Step } from "./types.js";

/** A step's expectations with defaults filled in: 2xx (4xx for signature probes) within the provider's answer budget. */
export function effectiveExpect(step: Step, ctx: Pick<StepContext, "provider">): Expect {
  const e = step.expect;
  if (step.type === "wait" || step.type === "check") return e;
  const probe = step.type === "send" && (step.send.badSignature || step.send.noSignature || step.send.stale !== undefined);
  const webhook = step.type !== "http";
  return {
    ...e,
    status: e.status ?? [probe ? "4xx" : "2xx"],
    maxLatencyMs: e.maxLatencyMs ?? (webhook ? ctx.provider.rules.answerBudgetMs : undefined),
  };
}

export async function executeStep(step: Step, ctx: StepContext): Promise<StepOutcome> {
  try {
    const outcome = await dispatch(step, ctx);
    // Expectations may hold references too: one that cannot be resolved fails the step like any other.
    const expect = effectiveExpect(step, ctx);
    for (const ex of outcome.exchanges) {
      if (ex.response) outcome.failures.push(...checkAnswer(expect, ex.response, ctx.scope));
    }
    return outcome;
  } catch (err) {
    if (err instanceof ReferenceFailure) return { exchanges: [], failures: [{ check: "reference", message: err.message }] };
    if (isZoomhookError(err)) return { exchanges: [], failures: [{ check: "error", message: err.hint ? `${err.message} ${err.hint}` : err.message }] };
    throw err;
  }
}

function dispatch(step: Step, ctx: StepContext): Promise<StepOutcome> {
  switch (step.type) {
    case "send":
      return runSend(step.send, ctx);
    case "crc":
      return runCrc(step.crc, ctx);
    case "check":
      return runCheckStep(step.check, ctx);
    case "replay":
      return runReplay(step.replay, ctx);
    case "http":
      return runHttp(step.http, step.retry, ctx);
    case "wait":
      return sleep(step.waitMs, ctx.signal).then(() => ({ exchanges: [], failures: [] }));
  }
}
