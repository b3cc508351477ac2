// Probe `methods`: a GET, and a POST to a path that does not exist, must not crash the endpoint (no 5xx).
import { answerText } from "../exchange.js";
import type { Exchange, Probe } from "../types.js";

export const UNKNOWN_PATH = "/zoomhook-check-no-such-path";

export const methodsProbe: Probe = {
  id: "methods",
  title: "Stray requests handled",
  applies: () => true,
  async run(ctx) {
    const exchanges: Exchange[] = [];
    exchanges.push(await ctx.request("no body", { method: "GET", url: ctx.url, body: Buffer.alloc(0), headers: { "user-agent": "zoomhook-check" } }));
    const other = new URL(UNKNOWN_PATH, ctx.url).toString();
    const body = Buffer.from("{}");
    exchanges.push(await ctx.request("not the webhook path", { method: "POST", url: other, body, headers: { "content-type": "application/json", "user-agent": "zoomhook-check" } }));
    const base = { id: "methods", title: methodsProbe.title, exchanges };
    const listed = exchanges.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}: ${answerText(e)}`).join("; ");
    const crashed = exchanges.filter((e) => e.response && e.response.status >= 500);
    if (crashed.length > 0) {
      return {
        ...base,
        verdict: "fail",
        summary: listed,
        cause: "A request that is not a delivery made the endpoint fail: health checks, crawlers and people with browsers send these, and a crash may take deliveries down with it.",
        fix: "Route only POST on the webhook path to the handler, answer 404 or 405 to anything else, and never assume a body is there.",
      };
    }
    const silent = exchanges.filter((e) => !e.response);
    if (silent.length > 0) {
      return { ...base, verdict: "warn", summary: listed, cause: "No answer: the endpoint hangs or drops the connection on a stray request.", fix: "Answer 404 or 405 to anything that is not a POST to the webhook path." };
    }
    return { ...base, verdict: "pass", summary: listed };
  },
};
