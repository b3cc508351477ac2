// Probes `valid-event` and `slow-answer`: common events, validly signed, answered 2xx within the provider's budget.
import type { WebhookProvider } from "../../providers/types.js";
import { answerText, is2xx } from "../exchange.js";
import type { Exchange, Probe, ProbeResult } from "../types.js";
import { statusCause } from "./verdicts.js";

export const validEventProbe: Probe = {
  id: "valid-event",
  title: "Valid deliveries accepted",
  applies: () => true,
  async run(ctx) {
    const exchanges = await ctx.validEvents();
    const base = { id: "valid-event", title: validEventProbe.title, exchanges };
    const budget = ctx.provider.rules.answerBudgetMs;
    const listed = exchanges.map((e) => `${e.label} ${answerText(e)}`).join(", ");
    const rejected = exchanges.find((e) => !is2xx(e));
    if (rejected) {
      return {
        ...base,
        verdict: "fail",
        summary: `${rejected.label} got ${answerText(rejected)}`,
        cause: statusCause(rejected.response?.status, ctx.provider.title),
        fix: "Answer 2xx to every correctly signed delivery; an event you do not handle still gets 2xx.",
      };
    }
    const late = exchanges.find((e) => e.response!.latencyMs >= budget);
    if (late) {
      return {
        ...base,
        verdict: "fail",
        summary: `${late.label} answered ${late.response!.status} after ${late.response!.latencyMs} ms: ${ctx.provider.title} gives up at ${budget} ms`,
        cause: `${ctx.provider.title} counted it as failed although your app got it: it will be delivered again.`,
        fix: "Answer first, work later: queue the event (or respond before the slow work) and answer 2xx at once.",
      };
    }
    return { ...base, verdict: "pass", summary: `${exchanges.length} event${exchanges.length === 1 ? "" : "s"} answered 2xx: ${listed}` };
  },
};

export const slowAnswerProbe: Probe = {
  id: "slow-answer",
  title: "Answer time",
  applies: () => true,
  run: async (ctx) => gradeAnswerTimes(await ctx.validEvents(), ctx.provider),
};

/** Grade the valid deliveries' answer times against the provider's budget (pure: the probe only supplies the exchanges). */
export function gradeAnswerTimes(exchanges: Exchange[], provider: WebhookProvider): ProbeResult {
  const budget = provider.rules.answerBudgetMs;
  // A third of the budget: an answer that slow leaves no room for a cold start, a GC pause or a busy database.
  const warnAt = Math.round(budget / 3);
  const base = { id: "slow-answer", title: slowAnswerProbe.title, exchanges };
  const fix = "Answer first, work later: acknowledge with 2xx at once and do the work from a queue or after the response.";
  const silent = exchanges.find((e) => !e.response);
  if (silent) {
    return { ...base, verdict: "fail", summary: `${silent.label}: ${answerText(silent)}`, cause: `${provider.title} gives up after ${budget} ms and counts the delivery as failed.`, fix };
  }
  const slowest = exchanges.reduce((a, b) => (b.response!.latencyMs > a.response!.latencyMs ? b : a));
  const ms = slowest.response!.latencyMs;
  const summary = `slowest answer ${ms} ms (${slowest.label}; warn above ${warnAt} ms; ${provider.title} gives up at ${budget} ms)`;
  if (ms >= budget) {
    return { ...base, verdict: "fail", summary, cause: `over ${provider.title}'s ${budget} ms budget: the delivery counts as failed and comes again, so the work runs twice.`, fix };
  }
  if (ms > warnAt) {
    return { ...base, verdict: "warn", summary, cause: `within ${provider.title}'s ${budget} ms, but with little to spare: a cold start or a slow database tips it over.`, fix };
  }
  return { ...base, verdict: "pass", summary };
}
