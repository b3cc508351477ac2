// Probe `signature-version` (CircleCI): a signature under a version the endpoint cannot know must not be honoured.
import { createHmac } from "node:crypto";
import type { Probe } from "../types.js";
import { gradeRejection } from "./rejections.js";

export const signatureVersionProbe: Probe = {
  id: "signature-version",
  title: "Only v1 honoured",
  // CircleCI's header is a versioned list (v1=…,v2=…) and its docs warn against downgrades.
  applies: (p) => p.name === "circleci",
  async run(ctx) {
    const catalog = await ctx.provider.catalog();
    const event = ctx.profile.probeEvent;
    const body = Buffer.from(JSON.stringify(catalog.build(event, { nowMs: ctx.now() })), "utf8");
    const headers = { ...ctx.provider.deliveryHeaders({ body, timestamp: Math.floor(ctx.now() / 1000), signature: "none", event }), ...ctx.authHeaders };
    // The right HMAC, filed under a version that does not exist: only code that ignores the version takes it.
    headers[ctx.provider.signatureHeader] = `v2=${createHmac("sha256", ctx.secret).update(body).digest("hex")}`;
    const exchange = await ctx.request(`${event}, ${ctx.provider.signatureHeader}: v2=… only (no v1)`, { method: "POST", url: ctx.url, body, headers });
    return gradeRejection(
      ctx,
      { id: "signature-version", title: signatureVersionProbe.title, exchanges: [exchange] },
      "A signature under an unknown version was accepted: the endpoint takes whatever follows the first \"=\" instead of the v1 entry, so it cannot refuse a downgrade to a weaker scheme once CircleCI adds one.",
    );
  },
};
