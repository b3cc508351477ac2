// Shared wording: how each provider treats 4xx and 5xx, and what an answer's status usually means.
import type { WebhookProvider } from "../../providers/types.js";
import type { ProbeResult } from "../types.js";

/** The trade-off between 4xx and 5xx for a delivery the endpoint rejects, for this provider's retry rule. */
export function rejectionTradeoff(provider: WebhookProvider): string {
  const retries4xx = provider.rules.retries(401);
  const retries5xx = provider.rules.retries(500);
  if (!retries4xx && retries5xx) {
    return (
      `${provider.title} never retries a 4xx: a genuine delivery that fails your check (a rotated secret, a bug) is lost for good, ` +
      `but a forged one ends there. A 5xx makes ${provider.title} retry (a genuine delivery gets another chance if you fix things in time; ` +
      "a forged one is simply repeated). 401 is the usual answer; log every rejection so a lost delivery is noticed."
    );
  }
  return `${provider.title} retries every answer that is not 2xx, 4xx and 5xx alike, so the choice shows only in your logs: 401 says "refused", 500 says "crashed".`;
}

/** Why an endpoint might have answered a correctly signed delivery with this status. */
export function statusCause(status: number | undefined, title: string): string {
  if (status === undefined) return `nothing answered in time: ${title} counts that as a failed delivery and retries it.`;
  if (status === 401 || status === 403) {
    return "a correctly signed delivery was rejected: the endpoint's secret token differs from the one given to the check, it verifies something other than the raw bytes, or it wants the authentication header the provider can add (--basic-auth, --bearer, --custom-header).";
  }
  if (status === 404 || status === 405) return "nothing takes POST at this URL: check the path.";
  if (status === 413) return "the body is over the endpoint's size limit.";
  if (status === 400 || status === 422) return "the endpoint could not use a valid payload: it may expect fields an event does not always carry.";
  if (status >= 500) return `the endpoint failed on a valid delivery (${title} retries 5xx; the same crash will repeat).`;
  if (status >= 300 && status < 400) return `a redirect: ${title} does not follow redirects; give it the final URL.`;
  return `an unexpected ${status}.`;
}

/** A refusal that proves nothing: the check's control delivery (see valid-event) was refused as well. */
export function unprovenRefusal(base: Omit<ProbeResult, "verdict" | "summary">, refused: string, control: string, what: string): ProbeResult {
  return {
    ...base,
    verdict: "warn",
    summary: `${refused}, but so was ${control} (see valid-event)`,
    cause: `Cannot tell ${what} from a general rejection.`,
    fix: "Fix valid-event first, then check again.",
  };
}
