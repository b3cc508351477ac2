// Probes `forged-signature`, `no-signature`, `wrong-secret`: deliveries the endpoint must not accept.
import { randomBytes } from "node:crypto";
import type { CheckContext, DeliverOptions } from "../context.js";
import { answerText, is2xx } from "../exchange.js";
import type { Probe, ProbeResult } from "../types.js";
import { rejectionTradeoff, unprovenRefusal } from "./verdicts.js";

interface RejectionSpec {
  id: string;
  title: string;
  label: (ctx: CheckContext) => string;
  options: (ctx: CheckContext) => DeliverOptions;
  /** Why a 2xx here happens. */
  accepted: (ctx: CheckContext) => string;
}

/**
 * 2xx is a failure; 4xx a pass, when a fresh valid delivery is accepted (else the refusal proves nothing);
 * a 5xx or no answer rejects too, but says something worth fixing.
 */
export async function gradeRejection(ctx: CheckContext, base: Omit<ProbeResult, "verdict" | "summary">, accepted: string): Promise<ProbeResult> {
  const e = base.exchanges[0]!;
  const tradeoff = rejectionTradeoff(ctx.provider);
  if (is2xx(e)) {
    return {
      ...base,
      verdict: "fail",
      summary: `accepted: ${answerText(e)}`,
      cause: accepted,
      fix: `Verify every delivery: ${ctx.profile.signatureRecipe}, compared in constant time; answer 401 when it does not match.`,
      note: tradeoff,
    };
  }
  if (!e.response) {
    return { ...base, verdict: "warn", summary: `${answerText(e)}`, cause: "The endpoint hangs on a delivery it should simply refuse.", fix: `Answer 401 at once. ${tradeoff}` };
  }
  if (e.response.status >= 500) {
    return {
      ...base,
      verdict: "warn",
      summary: `rejected, but with ${answerText(e)}`,
      cause: "A server error: the verification code probably threw instead of answering (a missing header, a length mismatch in timingSafeEqual).",
      fix: `Catch it and answer 401. ${tradeoff}`,
    };
  }
  if (e.response.status < 400) {
    return { ...base, verdict: "warn", summary: `answered ${answerText(e)}`, cause: "Neither accepted nor clearly refused.", fix: `Answer 401. ${tradeoff}` };
  }
  if (!(await ctx.controlAccepted())) return unprovenRefusal(base, `refused (${answerText(e)})`, "a valid delivery", "a signature check");
  return { ...base, verdict: "pass", summary: `rejected: ${answerText(e)}`, note: tradeoff };
}

function rejectionProbe(spec: RejectionSpec): Probe {
  return {
    id: spec.id,
    title: spec.title,
    applies: () => true,
    async run(ctx) {
      const exchanges = await ctx.deliver(spec.label(ctx), spec.options(ctx));
      return gradeRejection(ctx, { id: spec.id, title: spec.title, exchanges }, spec.accepted(ctx));
    },
  };
}

export const forgedSignatureProbe = rejectionProbe({
  id: "forged-signature",
  title: "Forged signature refused",
  label: (ctx) => `${ctx.profile.probeEvent}, ${ctx.provider.signatureHeader} of random hex`,
  options: () => ({ signature: "bad" }),
  accepted: (ctx) => `A delivery with a made-up ${ctx.provider.signatureHeader} was accepted: the endpoint does not verify signatures, or ignores the result. Anyone who knows the URL can post fake events.`,
});

export const noSignatureProbe = rejectionProbe({
  id: "no-signature",
  title: "Missing signature refused",
  label: (ctx) => `${ctx.profile.probeEvent}, no ${ctx.provider.signatureHeader} header`,
  options: () => ({ signature: "none" }),
  accepted: (ctx) => `A delivery without ${ctx.provider.signatureHeader} was accepted: the endpoint verifies only when the header is present (if (signature && …)), or not at all.`,
});

export const wrongSecretProbe = rejectionProbe({
  id: "wrong-secret",
  title: "Other secret refused",
  label: (ctx) => `${ctx.profile.probeEvent}, correctly signed with another secret`,
  // A well-formed signature under a key that is not the endpoint's: catches checks of shape rather than value.
  options: () => ({ secret: `not-your-secret-${randomBytes(8).toString("hex")}` }),
  accepted: () => "A delivery signed with another secret was accepted: the endpoint checks that a signature is there (or well-formed) but does not compare it with one computed from your secret token.",
});
