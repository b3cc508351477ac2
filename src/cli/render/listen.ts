// Renders a listen session's events: the banner and request lines for people, NDJSON for machines.
import type { ReadyEvent, RequestEvent, SessionEvent } from "../../shared/bus.js";
import type { CaptureSummary } from "../../shared/capture.js";
import { getProvider } from "../../providers/registry.js";
import { DEV_SECRET_SOURCE } from "../secret.js";
import { batched } from "./batched.js";
import { inert } from "./inert.js";
import { verdictWord } from "./log.js";
import { out as c, err as e, symbols } from "./style.js";

/**
 * NDJSON on stdout, the ready line first. Warnings and errors are also said on stderr in words,
 * so a person watching a --json run still hears them.
 */
export function jsonRenderer() {
  const stdout = batched(process.stdout);
  let early: SessionEvent[] | undefined = [];
  const line = (ev: SessionEvent) => stdout.write(`${JSON.stringify(ev.type === "request" ? requestLine(ev) : ev)}\n`);
  const render = (ev: SessionEvent) => {
    if (ev.type === "info" || ev.type === "warning" || ev.type === "error") {
      process.stderr.write(`${ev.type === "info" ? "" : `${ev.type}: `}${ev.message}\n${ev.hint ? `  ${ev.hint}\n` : ""}`);
      // "The store is back" is the one info a script watching --json needs (it follows a store_down warning).
      if (ev.type === "info" && ev.code !== "store_up") return;
    }
    if (early && ev.type !== "ready") {
      early.push(ev); // held until the ready line is out: scripts wait for it first
      return;
    }
    line(ev);
    if (ev.type === "ready" && early) {
      for (const held of early) line(held);
      early = undefined;
    }
  };
  return { render, flush: stdout.flush };
}

function requestLine(ev: RequestEvent) {
  const s = ev.capture;
  const line: Record<string, unknown> = {
    type: "request",
    id: s.id,
    receivedAt: s.receivedAt,
    kind: s.kind,
    event: s.event ?? null,
    verification: s.verification,
    diagnosis: s.diagnosis ?? null,
    status: s.status,
    durationMs: s.durationMs,
    // Who answered: the app's URL (a route's, or --forward-to's), or zoomhook itself.
    target: s.forward?.url ?? "zoomhook",
  };
  if (s.forward) line.forward = { url: s.forward.url, status: s.forward.status ?? null, durationMs: s.forward.durationMs, error: s.forward.error ?? null };
  if (s.replayOf) line.replayOf = s.replayOf;
  if (s.secretIndex) line.secretIndex = s.secretIndex;
  if (s.via) line.via = s.via;
  line.provider = s.provider ?? "zoom";
  return line;
}

export function humanRenderer(version: string) {
  const stdout = batched(process.stdout);
  let forwarding = false;
  const render = (ev: SessionEvent) => {
    switch (ev.type) {
      case "ready":
        forwarding = Boolean(ev.forwardTo || ev.routes?.length);
        stdout.write(banner(version, ev));
        break;
      case "request":
        stdout.write(requestText(ev, forwarding));
        break;
      case "tunnel":
        stdout.write(
          ev.status === "closed"
            ? `${time(new Date())}  ${c.yellow.bold(`${symbols.warn} tunnel lost — reconnecting…`)}  ${c.dim("Zoom cannot reach you until it is back")}\n`
            : `${time(new Date())}  ${c.green.bold(`${symbols.ok} tunnel reconnected: ${ev.url ?? ""}`)}\n`,
        );
        break;
      case "websocket":
        stdout.write(
          ev.status === "lost" || ev.status === "taken_over"
            ? `${time(new Date())}  ${c.yellow.bold(`${symbols.warn} ${ev.message}`)}\n`
            : ev.status === "reconnected"
              ? `${time(new Date())}  ${c.green.bold(`${symbols.ok} ${ev.message}`)}\n`
              : "",
        );
        break;
      case "warning":
        process.stderr.write(`${e.yellow(`${symbols.warn} ${ev.message}`)}\n${ev.hint ? `  ${ev.hint}\n` : ""}`);
        break;
      case "error":
        process.stderr.write(`${e.red(`${symbols.fail} ${ev.message}`)}\n${ev.hint ? `  ${ev.hint}\n` : ""}`);
        break;
      case "info":
        process.stderr.write(`${e.dim(ev.message)}\n`);
        break;
      case "cleared":
        stdout.write(`${time(new Date())}  ${c.dim("captures cleared")}\n`);
        break;
    }
  };
  return { render, flush: stdout.flush };
}

function banner(version: string, r: ReadyEvent): string {
  const row = (label: string, value: string) => `  ${c.dim(label.padEnd(12))}  ${value}\n`;
  const provider = getProvider(r.provider);
  let text = `${c.bold(`zoomhook ${version}`)} — listening for ${provider.title} webhooks\n\n`;
  if (r.publicUrl) text += row("Endpoint URL", `${c.bold.cyan(r.publicUrl)}     ${c.dim(`← paste into ${provider.name === "zoom" ? "Zoom Marketplace" : provider.title}`)}`);
  if (r.via === "websocket") text += row("Events from", `${c.bold.cyan(`Zoom WebSocket subscription ${r.subscriptionId ?? ""}`)}  ${c.dim("(no tunnel, no public URL)")}`);
  text += row("Local", r.publicUrl || r.via === "websocket" ? r.localUrl : c.bold.cyan(r.localUrl));
  if (r.inspectorUrl) text += row("Inspector", r.inspectorUrl);
  const sig =
    r.verifiedBy === "ngrok"
      ? `verified by ngrok at its edge (${provider.handshake ? "it answers the CRC; " : ""}deliveries it rejects with 403 never reach zoomhook and are not captured)`
      : r.verifiedBy === "zoomhook" && r.secretSource === DEV_SECRET_SOURCE
        ? `verified locally with a ${c.yellow("dev secret")} for this session ${c.dim(`(set ${provider.secret.env} for real ${provider.title} traffic)`)}`
        : r.verifiedBy === "zoomhook"
        ? `verified locally (secret from ${r.secretSource ?? "?"})`
        : c.yellow("NOT verified — no secret token");
  text += row("Signatures", sig);
  if (r.configFile) text += row("Config", r.configFile);
  const routes = r.routes ?? [];
  if (r.forwardTo) text += row("Forwarding", `${symbols.arrowOut} ${r.forwardTo}${routes.length ? c.dim("  (events no route matches)") : ""}`);
  const width = Math.max(0, ...routes.map((x) => x.event.length));
  routes.forEach((x, i) => (text += row(i === 0 ? "Routes" : "", `${x.event.padEnd(width)}  ${symbols.arrowOut} ${x.url}`)));
  if (provider.handshake && (r.forwardTo || routes.length)) {
    text += row("CRC", r.crcTo ? `${symbols.arrowOut} ${r.crcTo} ${c.dim("(your app answers the challenge)")}` : r.verifiedBy === "ngrok" ? "answered by ngrok" : "answered by zoomhook");
  }
  if (r.store) text += row("Captures", r.store);
  text += "\n";
  if (r.via === "websocket") {
    const signed = r.verifiedBy === "nobody" ? "sent to your app unsigned (set ZOOM_WEBHOOK_SECRET_TOKEN to have them signed)" : "signed with your secret token before they reach your app";
    text += `  Events arrive while zoomhook is connected; any that happen while it is not are never delivered.\n  Frames carry no signature: they are ${signed}.\n\n`;
  } else if (r.publicUrl && r.secretSource === DEV_SECRET_SOURCE) {
    const fails = provider.handshake ? `${provider.title}'s validation of this URL fails` : `${provider.title}'s deliveries are answered 401`;
    text += `  Next: ${c.yellow(`set ${provider.secret.env} to your app's secret and restart: with the dev secret,\n  ${fails}.`)}\n\n`;
  } else if (r.publicUrl) {
    const answered = provider.handshake && r.verifiedBy !== "nobody" ? " The challenge is answered for you." : "";
    text += `  Next: ${r.setup ?? provider.setup}.${answered}\n\n`;
  } else {
    const sample = provider.name === "zoom" ? "meeting.started" : `workflow-completed --provider ${provider.name}`;
    text += `  ${c.dim(`Local only (no tunnel): ${provider.title} cannot reach this URL. Try it with \`zoomhook send ${sample}\`.`)}\n\n`;
  }
  return text;
}

function time(d: Date): string {
  return c.dim(d.toTimeString().slice(0, 8));
}

/** One request as a terminal line (and the diagnosis lines under it). Exported for tests. */
export function requestText(ev: RequestEvent, forwarding: boolean): string {
  const s: CaptureSummary = ev.capture;
  const provider = getProvider(s.provider);
  const ok = s.status >= 200 && s.status < 300;
  const mark = ok ? c.green(symbols.ok) : s.status === 401 || s.status >= 500 ? c.red(symbols.fail) : c.yellow(symbols.warn);
  const kind = s.kind === "crc" ? "CRC" : s.via === "websocket" ? "WS " : "   ";
  const word = verdictWord(s);
  const verdict = word === "valid" ? c.green(word) : word === "unverified" ? c.dim(word) : c.red(word);
  const status = ok ? c.green(String(s.status)) : c.red(String(s.status));
  const ms = `${Math.round(s.durationMs)} ms`;
  let tail = "";
  if (s.replayOf) tail += c.dim(` replay of ${inert(s.replayOf)}`);
  if (s.secretIndex) tail += c.yellow(" (previous secret)");
  if (s.forward) {
    tail +=
      s.forward.status !== undefined
        ? `  ${symbols.arrowOut} ${s.forward.url}  app ${s.forward.status} ${Math.round(s.forward.durationMs)} ms ${c.dim(inert(oneLine(ev.forwardBodyPreview ?? "", 60)))}`
        : `  ${symbols.arrowOut} ${s.forward.url}  ${c.red(`app: ${inert(s.forward.error ?? "")}`)}`;
  } else if (s.kind === "crc" && ok) tail += `  ${c.dim(forwarding ? "challenge answered by zoomhook" : "challenge answered")}`;
  else if (forwarding) tail += `  ${c.dim("answered by zoomhook")}`;
  let text = `${time(new Date(s.receivedAt))}  ${mark} ${kind}  ${inert(s.event ?? s.path).padEnd(36)} ${pad(verdict, word, 11)} ${status} ${ms.padStart(8)}${tail}\n`;
  const indent = " ".repeat(14);
  if (s.diagnosis && s.verification !== "unverified" && s.verification !== "valid") {
    text += `${indent}${c.yellow(inert(s.diagnosis.message))}\n`;
    if (s.status === 401) {
      const retry = provider.rules.retries(401) ? `${provider.title} will retry it later` : `${provider.title} never retries a 4xx`;
      text += `${indent}${c.dim(`${retry}: fix the secret, then \`zoomhook replay ${s.id}\``)}\n`;
    }
  }
  if (s.forward && (s.forward.error || (s.forward.status ?? 0) >= 500)) text += `${indent}${c.dim(`when your app is back: zoomhook replay ${s.id}`)}\n`;
  const budget = provider.rules.answerBudgetMs;
  if (s.forward && s.forward.durationMs > budget) {
    text += `${indent}${c.yellow(`${symbols.warn} your app took ${Math.round(s.forward.durationMs)} ms: ${provider.title} gives up after ${budget / 1000} s and retries`)}\n`;
  }
  return text;
}

function pad(colored: string, plain: string, width: number): string {
  return colored + " ".repeat(Math.max(1, width - plain.length));
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
