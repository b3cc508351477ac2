// `zoomhook send`: build (or read) a payload, sign exactly the bytes sent, deliver, report.
import { configError, usageError } from "../../shared/errors.js";
import type { Prepared } from "../../sender/deliver.js";
import { exitOnInterrupt, readInput } from "../io.js";
import { resolveSecret } from "../secret.js";
import { reportSend } from "../render/send.js";

export interface SendOptions {
  to?: string;
  secret?: string;
  data?: string;
  set: string[];
  setString: string[];
  timestamp?: number;
  badSignature?: boolean;
  signature: boolean;
  count: number;
  concurrency: number;
  timeout: number;
  json?: boolean;
}

export async function sendCommand(eventName: string | undefined, opts: SendOptions): Promise<void> {
  if (opts.badSignature && !opts.signature) throw usageError("conflicting_flags", "--bad-signature and --no-signature cannot be used together.");
  const { secret } = resolveSecret(opts.secret);
  if (opts.signature && !secret) {
    throw configError("no_secret", "No secret token to sign with.", {
      hint: "Set ZOOM_WEBHOOK_SECRET_TOKEN (in the environment or ./.env), pass --secret, or send unsigned with --no-signature.",
    });
  }
  const events = await import("../../events/index.js");
  const overrides = [
    ...opts.set.map((e) => events.parseAssignment(e, false)),
    ...opts.setString.map((e) => events.parseAssignment(e, true)),
  ];
  let build: () => { event?: string; body: Buffer };
  if (opts.data !== undefined) {
    const raw = await readInput(opts.data);
    const parsed = parseJsonObject(raw);
    const event = eventName ?? (typeof parsed?.event === "string" ? parsed.event : undefined);
    if (overrides.length > 0) {
      if (!parsed) throw usageError("data_not_json", "--set needs a JSON object body, but --data is not one.");
      for (const o of overrides) events.setPath(parsed, o.path, o.value);
      const body = Buffer.from(JSON.stringify(parsed));
      build = () => ({ event, body });
    } else {
      build = () => ({ event, body: raw }); // exactly the file's bytes
    }
  } else {
    if (!eventName) throw usageError("missing_event", "Name an event to send, e.g. `zoomhook send meeting.started`, or pass --data <file>.", { hint: "`zoomhook events` lists them." });
    const name = eventName;
    events.loadFixture(name); // unknown names fail here, with suggestions
    build = () => {
      const body = events.buildEvent(name);
      for (const o of overrides) events.setPath(body, o.path, o.value);
      return { event: name, body: Buffer.from(JSON.stringify(body)) };
    };
  }
  const { resolveTarget } = await import("../../registry/target.js");
  const target = resolveTarget(opts.to, secret);
  for (const n of target.notes) process.stderr.write(`${n}\n`);
  const { zoomHeaders } = await import("../../zoom/headers.js");
  const { deliverMany } = await import("../../sender/deliver.js");
  const mode = !opts.signature ? "none" : opts.badSignature ? "bad" : "valid";
  const prepare = (): Prepared => {
    const { event, body } = build();
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    return { event, body, timestamp, headers: zoomHeaders({ body, secret, timestamp, signature: mode }) };
  };
  exitOnInterrupt();
  const reporter = reportSend(target.url, opts, mode);
  const { summary } = await deliverMany({
    url: target.url,
    count: opts.count,
    concurrency: opts.concurrency,
    timeoutMs: opts.timeout,
    prepare,
    onResult: reporter.onResult,
  });
  reporter.done(summary);
  if (summary.noAnswer === summary.sent) process.exitCode = 4;
  else if (summary.ok !== summary.sent) process.exitCode = 1;
}

function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw.toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
