// `zoomhook replay`: resend captured requests — re-signed and fresh by default, or untouched.
import { usageError } from "../../shared/errors.js";
import type { Capture } from "../../shared/capture.js";
import { getCapture } from "../captures.js";
import { exitOnInterrupt } from "../io.js";
import { reportSend } from "../render/send.js";
import { missingSecret } from "../missing-secret.js";
import { signingSecret } from "../signing-secret.js";
import { getProvider } from "../../providers/registry.js";

interface ReplayFlags {
  to?: string;
  secret?: string;
  keepSignature?: boolean;
  sameId?: boolean;
  set: string[];
  setString: string[];
  timeout: number;
  json?: boolean;
  store?: string;
}

export async function replayCommand(ids: string[], opts: ReplayFlags): Promise<void> {
  const edits = opts.set.length + opts.setString.length > 0;
  const captures: Capture[] = [];
  for (const id of ids) captures.push(await getCapture(opts.store, id));
  // Each capture is re-signed with its own provider's secret.
  const secrets = new Map<string, string | undefined>();
  for (const c of captures) {
    const provider = getProvider(c.provider);
    if (secrets.has(provider.name)) continue;
    const { secret } = signingSecret(opts.secret, opts.to, { envName: provider.secret.env, provider: provider.name });
    if ((!opts.keepSignature || edits) && !secret) {
      throw missingSecret("No secret token to re-sign the replay with.", "send the original bytes untouched with --keep-signature", provider.secret.env);
    }
    secrets.set(provider.name, secret);
  }
  const secret = secrets.values().next().value;
  const bodies = edits ? await applyEdits(captures, opts) : undefined;
  const { resolveTarget, pruneSilentListenersOnce } = await import("../../registry/target.js");
  if (!opts.to) await pruneSilentListenersOnce();
  const target = resolveTarget(opts.to, secret);
  for (const n of target.notes) process.stderr.write(`${n}\n`);
  const [{ prepareReplay }, { deliverMany }] = await Promise.all([import("../../sender/replay.js"), import("../../sender/deliver.js")]);
  exitOnInterrupt();
  const reporter = reportSend(target.url, { count: 1, json: opts.json }, opts.keepSignature && !edits ? "kept" : "valid");
  const { summary } = await deliverMany({
    url: target.url,
    count: captures.length,
    concurrency: 1,
    timeoutMs: opts.timeout,
    requestIdHeader: getProvider(captures[0]!.provider).requestIdHeader,
    prepare: (i) =>
      prepareReplay(captures[i]!, {
        secret: secrets.get(getProvider(captures[i]!.provider).name),
        keepSignature: opts.keepSignature,
        sameId: opts.sameId,
        body: bodies?.[i],
        markReplayOf: target.via !== "flag",
      }),
    onResult: reporter.onResult,
  });
  if (summary.noAnswer === summary.sent) process.exitCode = 4;
  else if (summary.ok !== summary.sent) process.exitCode = 1;
}

async function applyEdits(captures: Capture[], opts: ReplayFlags): Promise<Buffer[]> {
  const events = await import("../../events/index.js");
  const overrides = [...opts.set.map((e) => events.parseAssignment(e, false)), ...opts.setString.map((e) => events.parseAssignment(e, true))];
  return captures.map((c) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(c.body.toString("utf8")) as Record<string, unknown>;
    } catch {
      throw usageError("not_json", `Capture ${c.id} has no JSON body, so --set cannot edit it.`);
    }
    for (const o of overrides) events.setPath(body, o.path, o.value);
    return Buffer.from(JSON.stringify(body));
  });
}
