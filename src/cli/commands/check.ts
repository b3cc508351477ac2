// `zoomhook check`: flags → one runCheck() call → the report card (human, --json, or JUnit to a file).
import { getProvider } from "../../providers/registry.js";
import { configError, usageError } from "../../shared/errors.js";
import { missingSecret } from "../missing-secret.js";
import { authOptions, checkAuthFlags, type AuthFlags } from "./send-flags.js";

interface CheckFlags extends AuthFlags {
  provider?: string;
  to?: string;
  secret?: string;
  only?: string[];
  skip?: string[];
  strict?: boolean;
  json?: boolean;
  reporter?: string;
  output?: string;
  timeout?: number;
}

/** `--only a,b --only c` → [a, b, c]. */
function ids(values: string[] = []): string[] {
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

export async function checkCommand(f: CheckFlags): Promise<void> {
  // Without --provider, a check of the running listener speaks that listener's provider (as send does).
  const provider = getProvider(f.provider ?? (f.to ? undefined : await (await import("../../registry/target.js")).providerOfListenerHere()));
  if (f.reporter && !f.output) throw usageError("missing_output", `--reporter ${f.reporter} writes a file: name it with --output <file>.`);
  if (f.output && !f.reporter) throw usageError("missing_reporter", "--output needs a report format: --reporter junit.");
  checkAuthFlags(f);
  const auth = authOptions(f);
  if (auth.length > 0 && provider.name !== "zoom") {
    throw usageError("conflicting_flags", `Zoom's authentication add-ons and --provider ${provider.name} cannot be used together: they are Zoom's.`);
  }
  const only = ids(f.only);
  const skip = ids(f.skip);
  const { selectProbes } = await import("../../check/registry.js");
  const selected = selectProbes(provider, only, skip); // unknown ids fail here, before anything is sent
  // The user's secret; else, aimed at a listener that made up a dev secret, that one (as send and crc do).
  const { signingSecret } = await import("../signing-secret.js");
  const { secret } = signingSecret(f.secret, f.to, { envName: provider.secret.env, provider: provider.name });
  if (!secret) throw missingSecret("No secret token: the check signs its deliveries, and grades the endpoint's answers, with it.", undefined, provider.secret.env);
  const { resolveTarget, pruneSilentListenersOnce } = await import("../../registry/target.js");
  if (!f.to) await pruneSilentListenersOnce();
  const target = resolveTarget(f.to, secret);
  for (const n of target.notes) process.stderr.write(`${n}\n`);
  const [{ runCheck }, io, render] = await Promise.all([import("../../check/run.js"), import("../io.js"), import("../render/check.js")]);
  io.exitOnInterrupt();
  const renderer = render.checkRenderer(provider.title, Boolean(process.stdout.isTTY));
  if (!f.json) io.out(render.checkHeader(target.url, provider.title, selected.length));
  const report = await runCheck({
    provider,
    url: target.url,
    secret,
    only,
    skip,
    strict: f.strict,
    auth,
    timeoutMs: f.timeout,
    onProbeStart: f.json ? undefined : (id) => io.out(renderer.running(id)),
    onProbe: f.json ? undefined : (r) => io.out(renderer.probe(r)),
  });
  if (f.json) io.jsonLine(report);
  else io.out(renderer.summary(report));
  if (f.output) {
    const [{ checkJunit }, { writeFile }] = await Promise.all([import("../../check/junit.js"), import("node:fs/promises")]);
    try {
      await writeFile(f.output, checkJunit(report));
    } catch (err) {
      throw configError("output_unwritable", `Could not write the JUnit report to ${f.output}: ${(err as Error).message}.`, { hint: "Check that its directory exists and is writable." });
    }
  }
  process.exitCode = report.verdict === "unreachable" ? 4 : report.verdict === "fail" ? 1 : 0;
}
