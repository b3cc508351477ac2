// `zoomhook crc`: print the correct CRC answer for a token, or send a CRC to --to and grade the answer.
import { networkError } from "../../shared/errors.js";
import { crcResponse, gradeCrcAnswer, randomPlainToken } from "../../zoom/crc.js";
import { exitOnInterrupt, jsonLine, out } from "../io.js";
import { renderCrcGrade } from "../render/crc.js";
import { missingSecret, resolveSecret } from "../secret.js";

interface CrcOptions {
  to?: string;
  token?: string;
  secret?: string;
  timeout: number;
  json?: boolean;
}

export async function crcCommand(opts: CrcOptions): Promise<void> {
  const { secret } = resolveSecret(opts.secret);
  if (!secret) {
    throw missingSecret("No secret token: the CRC answer is an HMAC keyed with it.");
  }
  const plainToken = opts.token ?? randomPlainToken();
  if (!opts.to) {
    const answer = crcResponse(secret, plainToken);
    if (opts.json) jsonLine(answer);
    else out(`A correct endpoint answers 200 with this JSON body:\n${JSON.stringify(answer)}\n`);
    return;
  }
  exitOnInterrupt();
  const [{ postRaw, HttpFailure }, { zoomHeaders }] = await Promise.all([import("../../http/client.js"), import("../../zoom/headers.js")]);
  // Zoom's own field order for the challenge body.
  const body = JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: "endpoint.url_validation" });
  const headers = zoomHeaders({ body, secret, timestamp: Math.floor(Date.now() / 1000) });
  let answer;
  try {
    answer = await postRaw(opts.to, { body, headers, timeoutMs: opts.timeout });
  } catch (err) {
    if (err instanceof HttpFailure) {
      throw networkError(`network_${err.kind}`, `No answer from ${opts.to}: ${err.message}.`, {
        hint: "Is the endpoint running? Zoom would count this as a failed validation.",
      });
    }
    throw err;
  }
  const grade = gradeCrcAnswer(secret, plainToken, { status: answer.status, body: answer.body.toString("utf8"), latencyMs: answer.durationMs });
  grade.latencyMs = Math.round(grade.latencyMs);
  if (opts.json) jsonLine(grade);
  else out(renderCrcGrade(plainToken, grade));
  if (!grade.pass) process.exitCode = 1;
}
