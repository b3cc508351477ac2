// `zoomhook send`: compose (or read) a payload, sign exactly the bytes sent, deliver like Zoom, report.
import type { Command } from "commander";
import type { Prepared } from "../../sender/deliver.js";
import { exitOnInterrupt, readInput } from "../io.js";
import { reportSend } from "../render/send.js";
import { missingSecret } from "../missing-secret.js";
import { resolveSecret } from "../secret.js";
import { authOptions, checkSendFlags, type SendFlags } from "./send-flags.js";

/** Zoom's retry spacing after a failed delivery: 5, 20 and 60 minutes. */
const ZOOM_RETRY_DELAYS_MS = [5, 20, 60].map((m) => m * 60_000);

export async function sendCommand(eventName: string | undefined, f: SendFlags, cmd: Command): Promise<void> {
  checkSendFlags(f);
  const events = await import("../../events/index.js");
  // An unknown event is a usage error, whatever else is missing.
  if (eventName !== undefined && f.data === undefined) events.loadFixture(eventName);
  const { secret } = resolveSecret(f.secret);
  if (f.signature && !secret) {
    throw missingSecret("No secret token to sign with.", "send unsigned with --no-signature");
  }
  const { composer } = await import("../../sender/compose.js");
  const overrides = [...f.set.map((e) => events.parseAssignment(e, false)), ...f.setString.map((e) => events.parseAssignment(e, true))];
  const compose = await composer({
    event: eventName,
    data: f.data === undefined ? undefined : await readInput(f.data),
    overrides,
    seed: f.seed,
    meetingId: f.meetingId,
    bodyStyle: f.bodyStyle,
    keyOrder: f.keyOrder,
    oversizeKb: f.oversize,
  });
  const first = compose(0);
  if (f.compatCheck && !events.survivesReserialisation(first.body.toString("utf8"))) {
    process.stderr.write(
      "note: this body does not survive JSON.stringify(JSON.parse(body)); receivers that verify a re-serialised body (as Zoom's samples do) will reject it\n",
    );
  }
  const { resolveTarget } = await import("../../registry/target.js");
  const target = resolveTarget(f.to, secret);
  for (const n of target.notes) process.stderr.write(`${n}\n`);
  const [{ zoomHeaders, newRequestId }, { deliverMany }, { authHeaders }] = await Promise.all([
    import("../../providers/zoom/headers.js"),
    import("../../sender/deliver.js"),
    import("../../sender/auth.js"),
  ]);
  const extra = await authHeaders(authOptions(f), f.timeout);
  const mode = !f.signature ? "none" : f.badSignature ? "bad" : "valid";
  // The legacy verification token and client id belong to the app: one pair for the whole run, retries included.
  const app = f.headers === "legacy" ? zoomHeaders({ body: "", timestamp: 0, signature: "none", profile: "legacy" }) : undefined;
  const sign = (body: Buffer, requestId?: string): Prepared & { timestamp: number } => {
    const timestamp = f.timestamp ?? Math.floor(Date.now() / 1000) - (f.stale ?? 0);
    const zoom = zoomHeaders({ body, secret, timestamp, signature: mode, profile: f.headers, requestId, verificationToken: app?.authorization, clientId: app?.clientid });
    const headers = { ...zoom, ...extra };
    return { body, headers, timestamp };
  };
  const prepare = (i: number): Prepared => {
    const { event, body } = i === 0 ? first : compose(i);
    return { ...sign(body, newRequestId()), event };
  };
  exitOnInterrupt();
  const reporter = reportSend(target.url, f, mode);
  const retryScale = f.timeScale;
  const { summary } = await deliverMany({
    url: target.url,
    count: f.count,
    concurrency: f.concurrency,
    // Zoom gives up on an answer after 3 s; with --retries behave the same unless told otherwise.
    timeoutMs: f.retries && cmd.getOptionValueSource("timeout") !== "cli" ? 3000 : f.timeout,
    prepare,
    duplicate: f.duplicate,
    retry: f.retries
      ? { delaysMs: ZOOM_RETRY_DELAYS_MS.map((d) => Math.round(d * retryScale)), resign: (p) => ({ ...sign(p.body, p.headers["x-zm-request-id"]), event: p.event }) }
      : undefined,
    onResult: reporter.onResult,
  });
  reporter.done(summary);
  if (summary.noAnswer === summary.sent) process.exitCode = 4;
  else if (summary.ok !== summary.sent) process.exitCode = 1;
}
