// Probe `large-body`: a legal, validly signed payload of about 200 KiB must be accepted.
import { answerText, is2xx } from "../exchange.js";
import { checkProfile } from "../profiles.js";
import type { Probe } from "../types.js";
import { statusCause, unprovenRefusal } from "./verdicts.js";

export const largeBodyProbe: Probe = {
  id: "large-body",
  title: "Large payloads accepted",
  applies: (p) => checkProfile(p).largeBodyKb !== undefined,
  async run(ctx) {
    const kb = ctx.profile.largeBodyKb!;
    const exchanges = await ctx.deliver(`${ctx.profile.probeEvent}, a long free-text field (~${kb} KiB)`, { oversizeKb: kb });
    const e = exchanges[0]!;
    const base = { id: "large-body", title: largeBodyProbe.title, exchanges };
    const size = `${Math.round(e.request.bytes / 1024)} KiB`;
    if (is2xx(e)) return { ...base, verdict: "pass", summary: `${size} accepted: ${answerText(e)}` };
    const status = e.response?.status;
    if (status === 413) {
      return {
        ...base,
        verdict: "fail",
        summary: `${size} refused: ${answerText(e)} (payload too large)`,
        cause: "The endpoint's body limit is below a legal payload's size: Express's body-parser (express.json(), bodyParser.json()) defaults to 100 KB. A large recording.completed or participant list is lost for good (a 4xx is never retried).",
        fix: 'Raise the limit on the webhook route: express.json({ limit: "2mb" }) (or express.raw({ type: "application/json", limit: "2mb" })); check any proxy in front too (nginx client_max_body_size).',
      };
    }
    if (e.response && status! < 500 && !(await ctx.controlAccepted())) return unprovenRefusal(base, `${size} refused (${answerText(e)})`, "a small delivery", "a size limit");
    return {
      ...base,
      verdict: "fail",
      summary: `${size} refused: ${answerText(e)}`,
      cause: e.response ? statusCause(status, ctx.provider.title) : "The connection closed or hung on a large body: a size limit in the server or a proxy in front of it.",
      fix: "Accept bodies of a few MB on the webhook route, and verify over all of the bytes.",
    };
  },
};
