// The `crc` step: the provider's URL validation challenge, graded as `zoomhook crc` grades it.
import { gradeHandshake } from "../../sender/handshake.js";
import { isZoomhookError } from "../../shared/errors.js";
import { resolveText } from "../resolve.js";
import type { CrcSpec, Failure } from "../types.js";
import { noAnswer, type StepContext, type StepOutcome } from "./context.js";

export async function runCrc(spec: CrcSpec, ctx: StepContext): Promise<StepOutcome> {
  let outcome;
  try {
    outcome = await gradeHandshake({ provider: ctx.provider, url: ctx.url, secret: ctx.secret ?? "", token: resolveText(spec.token, ctx.scope), timeoutMs: ctx.timeoutMs });
  } catch (err) {
    if (!isZoomhookError(err) || err.exitCode !== 4) throw err;
    const request = { method: "POST", url: ctx.url, headers: {}, body: "" };
    return { exchanges: [{ request, error: err.message }], failures: [noAnswer(err.message)], deliveries: { made: 1, answered: 0 } };
  }
  const { answer, grade, request } = outcome;
  const failures: Failure[] = grade.checks
    .filter((c) => !c.ok)
    .map((c) => ({ check: `crc: ${c.name}`, message: `${ctx.provider.title} would reject this answer: ${c.name}: ${c.detail}`, expected: c.name, actual: c.detail }));
  const req = { method: "POST", url: ctx.url, headers: request.headers, body: request.body };
  return {
    exchanges: [{ request: { ...req, body: request.body.toString("utf8") }, response: { status: answer.status, headers: answer.headers, body: answer.body, latencyMs: answer.latencyMs } }],
    failures,
    record: { request: req, response: { status: answer.status, headers: answer.headers, body: answer.body } },
    deliveries: { made: 1, answered: 1 },
  };
}
