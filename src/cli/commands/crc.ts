// `zoomhook crc`: print the correct CRC answer for a token, or send a CRC to --to and grade the answer.
// The offline answer is on the start-up budget: everything the graded path needs is loaded only there.
import { crcResponse, gradeCrcAnswer, randomPlainToken } from "../../providers/zoom/crc.js";
import { resolveSecret } from "../secret.js";

interface CrcOptions {
  provider?: string;
  to?: string;
  token?: string;
  secret?: string;
  timeout: number;
  json?: boolean;
}

export async function crcCommand(opts: CrcOptions): Promise<void> {
  if (opts.provider !== undefined && opts.provider !== "zoom") {
    const { getProvider } = await import("../../providers/registry.js");
    const provider = getProvider(opts.provider);
    if (!provider.handshake) {
      const { usageError } = await import("../../shared/errors.js");
      throw usageError("no_handshake", `${provider.title} sends no URL validation challenge, so \`crc\` has nothing to do for it.`, {
        hint: `\`zoomhook send ping --provider ${provider.name}\` checks that the endpoint answers.`,
      });
    }
  }
  // Aimed at a listener, its dev secret will do; the offline answer (no --to) stays free of the registry.
  const { secret } = opts.to ? (await import("../signing-secret.js")).signingSecret(opts.secret, opts.to) : resolveSecret(opts.secret);
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
  const [{ gradeHandshake }, io, { renderCrcGrade }] = await Promise.all([import("../../sender/handshake.js"), import("../io.js"), import("../render/crc.js")]);
  io.exitOnInterrupt();
  const { grade } = await gradeHandshake({ url: to, secret, token: plainToken, timeoutMs: opts.timeout });
  if (opts.json) io.jsonLine(grade);
  else io.out(renderCrcGrade(plainToken, grade));
  if (!grade.pass) process.exitCode = 1;
}
