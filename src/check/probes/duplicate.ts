// Probe `duplicate`: the same delivery twice (a retry looks exactly like this) gets 2xx both times.
import { answerText, is2xx } from "../exchange.js";
import type { Probe } from "../types.js";

export const duplicateProbe: Probe = {
  id: "duplicate",
  title: "Repeated deliveries answered",
  applies: () => true,
  async run(ctx) {
    const exchanges = await ctx.deliver(ctx.profile.probeEvent, { duplicate: true });
    const [first, again] = exchanges;
    const base = { id: "duplicate", title: duplicateProbe.title, exchanges };
    const dedupe = `Deduplicate on ${ctx.profile.dedupeBy}: record it when you process a delivery (a unique index, or a set kept for a day) and skip the work for one you have seen, still answering 2xx.`;
    if (!first || !is2xx(first)) {
      return { ...base, verdict: "fail", summary: `the first delivery got ${first ? answerText(first) : "nothing"}`, cause: "A valid delivery was not accepted (see valid-event).", fix: dedupe };
    }
    if (!again || !is2xx(again)) {
      const status = again?.response?.status;
      const retried = ctx.provider.rules.retries(status);
      return {
        ...base,
        verdict: retried ? "fail" : "warn",
        summary: `first ${answerText(first)}, the repeat ${again ? answerText(again) : "was not sent"}`,
        cause: retried
          ? `${ctx.provider.title} retries that answer, so a repeat is sent again and again.`
          : `A repeat is what ${ctx.provider.title} sends when it never saw your first answer; refusing it marks a delivery your app already has as failed.`,
        fix: dedupe,
      };
    }
    return {
      ...base,
      verdict: "pass",
      summary: `both answered 2xx (${answerText(first)}, then ${answerText(again)})`,
      note: `From outside the check cannot see whether the repeat was processed twice. ${dedupe}`,
    };
  },
};
