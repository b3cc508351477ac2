// Probe `crc`: the provider's URL validation, graded by the same core as `zoomhook crc`.
import { isZoomhookError } from "../../shared/errors.js";
import { bodyStart } from "../exchange.js";
import type { Exchange, Probe } from "../types.js";

export const crcProbe: Probe = {
  id: "crc",
  title: "URL validation (CRC)",
  applies: (p) => p.handshake !== undefined,
  async run(ctx) {
    const { gradeHandshake } = await import("../../sender/handshake.js");
    const base = { id: "crc", title: crcProbe.title };
    ctx.requests++;
    let outcome;
    try {
      outcome = await gradeHandshake({ provider: ctx.provider, url: ctx.url, secret: ctx.secret, timeoutMs: ctx.timeoutMs, now: ctx.now, headers: ctx.authHeaders });
    } catch (err) {
      if (!isZoomhookError(err) || !err.details) throw err;
      const d = err.details as { kind: string; durationMs: number; request: { headers: Record<string, string>; body: Buffer } };
      const exchange: Exchange = {
        label: ctx.provider.handshake!.event,
        request: { method: "POST", url: ctx.url, bytes: d.request.body.length, headers: d.request.headers, bodyStart: bodyStart(d.request.body) },
        error: { kind: d.kind, message: err.message.replace(/^No answer from \S+: /, "").replace(/\.$/, ""), latencyMs: Math.round(d.durationMs) },
      };
      return {
        ...base,
        verdict: "fail",
        summary: `no answer to the challenge (${exchange.error!.message})`,
        cause: `${ctx.provider.title} would count the validation as failed: the endpoint is not reachable at this URL, or it hangs on the challenge.`,
        fix: "Check that the app is running and the URL is right; answer the challenge before doing anything else.",
        exchanges: [exchange],
      };
    }
    ctx.answered = true;
    const { grade, answer, request } = outcome;
    const exchange: Exchange = {
      label: ctx.provider.handshake!.event,
      request: { method: "POST", url: ctx.url, bytes: request.body.length, headers: request.headers, bodyStart: bodyStart(request.body) },
      response: { status: answer.status, latencyMs: grade.latencyMs, bodyStart: bodyStart(answer.body) },
    };
    if (grade.pass) {
      return { ...base, verdict: "pass", summary: `answered 200 in ${grade.latencyMs} ms with the token echoed and its hex HMAC`, exchanges: [exchange] };
    }
    const failed = grade.checks.filter((c) => !c.ok);
    const late = failed.find((c) => c.name === "answered in time");
    return {
      ...base,
      verdict: "fail",
      summary: failed.map((c) => `${c.name}: ${c.detail}`).join("; "),
      cause: `${ctx.provider.title} would refuse to validate this endpoint (and stop delivering after repeated failed revalidations).`,
      fix: [
        failed.some((c) => c.name !== "answered in time")
          ? 'Answer 200 with the JSON {"plainToken": <the token>, "encryptedToken": hex(HMAC-SHA256(secret token, plainToken))}, both at the top level; in Node: createHmac("sha256", secret).update(plainToken).digest("hex").'
          : "",
        late ? "Answer the challenge at once, before any other work." : "",
      ]
        .filter(Boolean)
        .join(" "),
      exchanges: [exchange],
    };
  },
};
