// `zoomhook verify`: check a signature offline over the exact bytes and explain a mismatch.
import { getProvider } from "../../providers/registry.js";
import { usageError } from "../../shared/errors.js";
import { jsonLine, out, readInput } from "../io.js";
import { out as c, symbols } from "../render/style.js";
import { missingSecret } from "../missing-secret.js";
import { resolveSecret } from "../secret.js";

interface VerifyOptions {
  provider?: string;
  timestamp?: string;
  signature: string;
  body?: string;
  secret?: string;
  tolerance: number;
  json?: boolean;
}

export async function verifyCommand(opts: VerifyOptions): Promise<void> {
  const provider = getProvider(opts.provider);
  if (provider.timestampHeader && opts.timestamp === undefined) {
    throw usageError("missing_flag", `${provider.title} signs a timestamp: pass --timestamp with the ${provider.timestampHeader} value.`);
  }
  if (!provider.timestampHeader && opts.timestamp !== undefined) {
    throw usageError("conflicting_flags", `--timestamp and --provider ${provider.name} cannot be used together: ${provider.title} signs no timestamp.`);
  }
  const { secret, previous } = resolveSecret(opts.secret, process.env, provider.secret.env);
  if (!secret) throw missingSecret("No secret token to verify with.", undefined, provider.secret.env);
  const body = await readInput(opts.body);
  const headers: Record<string, string | undefined> = { [provider.signatureHeader]: opts.signature };
  if (provider.timestampHeader) headers[provider.timestampHeader] = opts.timestamp;
  const secrets = previous ? [secret, previous] : [secret];
  const result = provider.verify({ secrets, headers, body, toleranceSeconds: opts.tolerance });
  const valid = result.verification === "valid";
  if (opts.json) {
    jsonLine({ valid, verification: result.verification, diagnosis: result.diagnosis ?? null, bodyBytes: body.length, provider: provider.name, ...(result.secretIndex ? { secretIndex: result.secretIndex } : {}) });
  } else if (valid) {
    const when = opts.timestamp === undefined ? "" : ` signed at ${opts.timestamp}`;
    const which = result.secretIndex ? " (with the previous secret)" : "";
    out(`${c.green(`${symbols.ok} valid`)}  signature matches ${body.length} bytes${when}${which}\n`);
  } else {
    out(`${c.red(`${symbols.fail} ${result.verification}`)}  ${result.diagnosis?.message ?? ""}\n`);
  }
  if (!valid) process.exitCode = 1;
}
