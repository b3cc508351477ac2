// `zoomhook crc`: print the correct CRC answer for a token, or send a CRC to --to and grade the answer.
// The offline answer is on the start-up budget: everything the graded path needs is loaded only there.
import { crcResponse, gradeCrcAnswer, randomPlainToken } from "../../providers/zoom/crc.js";
import { resolveSecret } from "../secret.js";

interface CrcOptions {
  to?: string;
  token?: string;
  secret?: string;
  timeout: number;
  json?: boolean;
}

export async function crcCommand(opts: CrcOptions): Promise<void> {
  const { secret } = resolveSecret(opts.secret);
  if (!secret) throw (await import("../missing-secret.js")).missingSecret("No secret token: the CRC answer is an HMAC keyed with it.");
  const plainToken = opts.token ?? randomPlainToken();
  if (!opts.to) {
    const answer = JSON.stringify(crcResponse(secret, plainToken));
    process.stdout.write(opts.json ? `${answer}\n` : `A correct endpoint answers 200 with this JSON body:\n${answer}\n`);
    return;
  }
  await gradeEndpoint(opts.to, secret, plainToken, opts);
}

async function gradeEndpoint(to: string, secret: string, plainToken: string, opts: CrcOptions): Promise<void> {
  const [{ postRaw, HttpFailure }, { zoomHeaders }, { networkError }, io, { renderCrcGrade }] = await Promise.all([
    import("../../http/client.js"),
    import("../../providers/zoom/headers.js"),
    import("../../shared/errors.js"),
    import("../io.js"),
    import("../render/crc.js"),
  ]);
  io.exitOnInterrupt();
  // Zoom's own field order for the challenge body.
  const body = JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: "endpoint.url_validation" });
  const headers = zoomHeaders({ body, secret, timestamp: Math.floor(Date.now() / 1000) });
  let answer;
  try {
    answer = await postRaw(to, { body, headers, timeoutMs: opts.timeout });
  } catch (err) {
    if (err instanceof HttpFailure) {
      throw networkError(`network_${err.kind}`, `No answer from ${to}: ${err.message}.`, {
        hint: "Is the endpoint running? Zoom would count this as a failed validation.",
      });
    }
    throw err;
  }
  const grade = gradeCrcAnswer(secret, plainToken, { status: answer.status, body: answer.body.toString("utf8"), latencyMs: answer.durationMs });
  grade.latencyMs = Math.round(grade.latencyMs);
  if (opts.json) io.jsonLine(grade);
  else io.out(renderCrcGrade(plainToken, grade));
  if (!grade.pass) process.exitCode = 1;
}
