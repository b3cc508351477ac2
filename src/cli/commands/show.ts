// `zoomhook show`: one capture in full — headers (auth masked), body, verdict, responses.
import { maskHeaders, type Capture } from "../../shared/capture.js";
import { getCapture } from "../captures.js";
import { getProvider } from "../../providers/registry.js";
import { jsonLine, out } from "../io.js";
import { inert, inertLines } from "../render/inert.js";
import { out as c } from "../render/style.js";

export async function showCommand(id: string, opts: { json?: boolean; reveal?: boolean; store?: string }): Promise<void> {
  const capture = await getCapture(opts.store, id);
  const headers = opts.reveal ? capture.headers : maskHeaders(capture.headers);
  if (opts.json) {
    const text = utf8(capture.body);
    const { body: _body, ...rest } = capture;
    jsonLine({ ...rest, provider: capture.provider ?? "zoom", headers, ...(text === undefined ? {} : { bodyText: text }), bodyBase64: capture.body.toString("base64") });
    return;
  }
  out(render(capture, headers));
}

function utf8(buf: Buffer): string | undefined {
  const text = buf.toString("utf8");
  return Buffer.from(text, "utf8").equals(buf) ? text : undefined;
}

/** Everything here came from the sender or the app: each piece is made inert before it is shown. */
function render(cap: Capture, headers: Array<[string, string]>): string {
  const h = (t: string) => `\n${c.bold(t)}\n`;
  let text = `${c.bold(cap.event === undefined ? "(no event)" : inert(cap.event))}  ${c.dim(cap.id)}  ${cap.receivedAt}\n`;
  text += `${inert(cap.method)} ${inert(cap.path)}  ${cap.kind}  ${cap.bodySize} bytes${cap.truncated ? ` (truncated; sha256 ${cap.bodySha256})` : ""}`;
  if (cap.replayOf) text += c.dim(`  replay of ${inert(cap.replayOf)}`);
  const provider = getProvider(cap.provider);
  text += `\n${c.dim("provider")} ${provider.title}${cap.dedupeKey ? `  ${c.dim("delivery id")} ${inert(cap.dedupeKey)}` : ""}\n`;
  // A shared store records which listener took it (a teammate's, a CI job's).
  if (cap.listener) text += `${c.dim("taken by")} ${inert(`${cap.listener.user}@${cap.listener.host}`)}  ${c.dim(`pid ${cap.listener.pid} · session ${inert(cap.listener.session)}`)}\n`;
  text += h("Verification");
  text += `  ${cap.verification === "valid" ? c.green(cap.verification) : c.yellow(cap.verification)}${cap.diagnosis ? ` — ${inert(cap.diagnosis.message)}` : ""}`;
  if (cap.secretIndex) text += c.dim(" (matched the previous secret)");
  text += "\n";
  if (!provider.rules.replayWindow) text += c.dim(`  ${provider.title} signs no timestamp, so there is no replay window: a receiver deduplicates on the delivery id instead.\n`);
  text += h("Request headers");
  for (const [k, v] of headers) text += `  ${c.dim(`${inert(k)}:`)} ${inert(v)}\n`;
  text += h("Body");
  const body = utf8(cap.body);
  if (body === undefined) text += `  (binary, ${cap.body.length} bytes; use --json for base64)\n`;
  else {
    try {
      // JSON.stringify escapes control characters inside strings; the bidi marks it leaves are caught here.
      text += `${inertLines(JSON.stringify(JSON.parse(body), null, 2))}\n`;
    } catch {
      text += `${inertLines(body)}\n`;
    }
  }
  text += h("zoomhook answered");
  text += `  ${cap.response.status} in ${cap.durationMs} ms  ${c.dim(inertLines(cap.response.body.slice(0, 500)))}\n`;
  if (cap.forward) {
    text += h(`App (${inert(cap.forward.url)})`);
    text += cap.forward.status !== undefined
      ? `  ${cap.forward.status} in ${cap.forward.durationMs} ms  ${c.dim(inertLines((cap.forward.body ?? "").slice(0, 500)))}\n`
      : `  ${c.red(inert(cap.forward.error ?? "no answer"))}\n`;
  }
  return text;
}
