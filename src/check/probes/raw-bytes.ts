// Probe `raw-bytes`: validly signed bodies that JSON.stringify would write differently must still be accepted.
import type { BodyStyle } from "../../events/index.js";
import { answerText, is2xx } from "../exchange.js";
import type { Exchange, Probe } from "../types.js";

/** Non-ASCII text (a BMP letter, a symbol, an astral emoji) and a slash, so every variant really differs. */
export const PROBE_TEXT = "Café ☕ planning 1/2 🚀";

interface Variant {
  label: string;
  style: BodyStyle;
  /** True for the one form that survives JSON.stringify(JSON.parse(body)). */
  reserialisable: boolean;
}

const VARIANTS: readonly Variant[] = [
  { label: "\\u-escaped unicode", style: "escaped-unicode", reserialisable: false },
  { label: "literal emoji (compact UTF-8)", style: "compact", reserialisable: true },
  { label: "pretty-printed", style: "pretty", reserialisable: false },
  { label: "escaped slashes (\\/)", style: "escaped-slashes", reserialisable: false },
];

export const rawBytesProbe: Probe = {
  id: "raw-bytes",
  title: "Verifies the raw bytes",
  applies: () => true,
  async run(ctx) {
    const control = await ctx.controlAccepted();
    const exchanges: Exchange[] = [];
    for (const v of VARIANTS) {
      const [e] = await ctx.deliver(`${ctx.profile.probeEvent}, ${v.label}`, { overrides: [{ path: ctx.profile.textPath, value: PROBE_TEXT }], bodyStyle: v.style });
      exchanges.push(e!);
    }
    const base = { id: "raw-bytes", title: rawBytesProbe.title, exchanges };
    const rejected = VARIANTS.filter((_, i) => !is2xx(exchanges[i]!));
    if (rejected.length === 0) return { ...base, verdict: "pass", summary: `all ${VARIANTS.length} body forms accepted (${exchanges.map((e) => e.response!.status).join(", ")})` };
    if (!control) {
      return {
        ...base,
        verdict: "warn",
        summary: `${rejected.length} of ${VARIANTS.length} rejected, but so was a plain delivery (see valid-event)`,
        cause: "Cannot tell a body-form problem from a general rejection.",
        fix: "Fix valid-event first, then check again.",
      };
    }
    const crashed = exchanges.find((e) => e.response && e.response.status >= 500);
    const names = rejected.map((v) => `${v.label} ${answerText(exchanges[VARIANTS.indexOf(v)]!)}`).join("; ");
    const onlyReshaped = rejected.every((v) => !v.reserialisable);
    const fix =
      "Verify the HMAC over the exact bytes received, then parse them. In Express: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }) and sign req.rawBody, or express.raw({ type: \"application/json\" }) on the webhook route; never JSON.stringify(req.body).";
    return {
      ...base,
      verdict: "fail",
      summary: `rejected: ${names}`,
      cause: crashed
        ? "The endpoint failed on a legal body it should accept; a body-form bug in parsing or verification."
        : onlyReshaped
          ? "The endpoint verifies a re-serialised body (JSON.stringify(req.body), as Zoom's sample app and SDK do) instead of the raw bytes: any body not in JSON.stringify's exact form fails verification, e.g. one with escaped unicode or spaces."
          : "Even compact UTF-8 with an emoji was rejected: the endpoint re-encodes the body before verifying (ASCII-escaping re-serialisation such as Python's json.dumps, or decoding as Latin-1).",
      fix,
    };
  },
};
