// `zoomhook send`: flags → one sendEvents() call → the send report.
import type { Command } from "commander";
import { getProvider } from "../../providers/registry.js";
import { exitOnInterrupt, readInput } from "../io.js";
import { reportSend } from "../render/send.js";
import { missingSecret } from "../missing-secret.js";
import { signingSecret } from "../signing-secret.js";
import { authOptions, checkSendFlags, type SendFlags } from "./send-flags.js";

export async function sendCommand(eventName: string | undefined, f: SendFlags, cmd: Command): Promise<void> {
  // Without --provider, a send to the running listener speaks that listener's provider.
  const provider = getProvider(f.provider ?? (f.to ? undefined : await (await import("../../registry/target.js")).providerOfListenerHere()));
  checkSendFlags(f, provider);
  const catalog = await provider.catalog();
  // An unknown event is a usage error, whatever else is missing.
  if (eventName !== undefined && f.data === undefined) catalog.check(eventName);
  const { secret } = signingSecret(f.secret, f.to, { envName: provider.secret.env, provider: provider.name });
  if (f.signature && !f.badSignature && !secret) {
    throw missingSecret("No secret token to sign with.", "send unsigned with --no-signature", provider.secret.env);
  }
  const events = await import("../../events/index.js");
  const overrides = [...f.set.map((e) => events.parseAssignment(e, false)), ...f.setString.map((e) => events.parseAssignment(e, true))];
  const data = f.data === undefined ? undefined : await readInput(f.data);
  const { resolveTarget, pruneSilentListenersOnce } = await import("../../registry/target.js");
  if (!f.to) await pruneSilentListenersOnce();
  const target = resolveTarget(f.to, secret);
  for (const n of target.notes) process.stderr.write(`${n}\n`);
  const mode = !f.signature ? "none" : f.badSignature ? "bad" : "valid";
  const { sendEvents } = await import("../../sender/send-events.js");
  exitOnInterrupt();
  const reporter = reportSend(target.url, { count: f.count, json: f.json, provider, stale: f.stale }, mode);
  const { summary } = await sendEvents({
    provider,
    url: target.url,
    secret,
    event: eventName,
    data,
    overrides,
    seed: f.seed,
    meetingId: f.meetingId,
    variant: f.vcs,
    bodyStyle: f.bodyStyle,
    keyOrder: f.keyOrder,
    oversizeKb: f.oversize,
    signature: mode,
    profile: f.headers,
    timestamp: f.timestamp,
    staleSeconds: f.stale,
    auth: authOptions(f),
    count: f.count,
    concurrency: f.concurrency,
    // With --retries the provider's answer budget applies unless --timeout was given.
    timeoutMs: f.retries && cmd.getOptionValueSource("timeout") !== "cli" ? undefined : f.timeout,
    retries: f.retries ? { timeScale: f.timeScale } : undefined,
    duplicate: f.duplicate,
    onNote: (n) => {
      if (n.code !== "not_reserialisable" || f.compatCheck) process.stderr.write(`note: ${n.message}\n`);
    },
    onResult: reporter.onResult,
  });
  reporter.done(summary);
  if (summary.noAnswer === summary.sent) process.exitCode = 4;
  else if (summary.ok !== summary.sent) process.exitCode = 1;
}
