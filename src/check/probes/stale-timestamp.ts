// Probe `stale-timestamp`: a correctly signed delivery dated 10 minutes ago should be refused (replay protection).
import { answerText, is2xx } from "../exchange.js";
import type { Probe } from "../types.js";
import { unprovenRefusal } from "./verdicts.js";

/** Ten minutes: twice the five-minute window most receivers (and zoomhook) allow. */
export const STALE_SECONDS = 600;

export const staleTimestampProbe: Probe = {
  id: "stale-timestamp",
  title: "Old deliveries refused",
  applies: (p) => p.rules.replayWindow && p.timestampHeader !== undefined,
  async run(ctx) {
    const header = ctx.provider.timestampHeader!;
    const exchanges = await ctx.deliver(`${ctx.profile.probeEvent}, validly signed ${STALE_SECONDS / 60} minutes ago (${header})`, { staleSeconds: STALE_SECONDS });
    const e = exchanges[0]!;
    const base = { id: "stale-timestamp", title: staleTimestampProbe.title, exchanges };
    const fix = `After verifying the signature, refuse (401) a delivery whose ${header} is more than 300 s from your clock: the timestamp is signed, so it cannot be altered.`;
    if (is2xx(e)) {
      return {
        ...base,
        verdict: "warn",
        summary: `accepted: ${answerText(e)}`,
        cause: "No replay protection: the endpoint has no timestamp window, so anyone who captures one delivery can post it again, signature and all, at any time later.",
        fix,
      };
    }
    if (!e.response || e.response.status >= 500) {
      return { ...base, verdict: "warn", summary: `${answerText(e)}`, cause: "Refused by failing, not by answering: a 5xx or silence makes the sender retry.", fix };
    }
    if (!(await ctx.controlAccepted())) return unprovenRefusal(base, `refused (${answerText(e)})`, "a fresh delivery", "a timestamp window");
    return { ...base, verdict: "pass", summary: `refused: ${answerText(e)}` };
  },
};
