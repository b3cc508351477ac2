// `zoomhook verify`: check a signature offline over the exact bytes and explain a mismatch.
import { verifySignature } from "../../providers/zoom/signature.js";
import { jsonLine, out, readInput } from "../io.js";
import { out as c, symbols } from "../render/style.js";
import { missingSecret } from "../missing-secret.js";
import { resolveSecret } from "../secret.js";

interface VerifyOptions {
  timestamp: string;
  signature: string;
  body?: string;
  secret?: string;
  tolerance: number;
  json?: boolean;
}

export async function verifyCommand(opts: VerifyOptions): Promise<void> {
  const { secret } = resolveSecret(opts.secret);
  if (!secret) {
    throw missingSecret("No secret token to verify with.");
  }
  const body = await readInput(opts.body);
  const result = verifySignature({ secret, timestamp: opts.timestamp, signature: opts.signature, body, toleranceSeconds: opts.tolerance });
  const valid = result.verification === "valid";
  if (opts.json) {
    jsonLine({ valid, verification: result.verification, diagnosis: result.diagnosis ?? null, bodyBytes: body.length });
  } else if (valid) {
    out(`${c.green(`${symbols.ok} valid`)}  signature matches ${body.length} bytes signed at ${opts.timestamp}\n`);
  } else {
    out(`${c.red(`${symbols.fail} ${result.verification}`)}  ${result.diagnosis?.message ?? ""}\n`);
  }
  if (!valid) process.exitCode = 1;
}
