// The check's report card: one line per probe as it finishes; for warnings and failures, what was sent,
// what came back, the likely cause and the fix; then the tally and the verdict.
import type { CheckReport, Exchange, ProbeResult } from "../../check/types.js";
import { out as c, symbols } from "./style.js";

const ID_WIDTH = 18;
const LABEL_WIDTH = 7;

function width(): number {
  return Math.max(60, Math.min(process.stdout.columns || 100, 110));
}

/** Words into lines of at most `room` characters (a longer word gets a line of its own). */
function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Text under a label, continuation lines indented to the text's column. */
function labelled(label: string, text: string, room: number, style: (s: string) => string = (s) => s): string {
  const indent = 4 + LABEL_WIDTH;
  return wrap(text, room - indent)
    .map((l, i) => `${" ".repeat(4)}${(i === 0 ? label : "").padEnd(LABEL_WIDTH)}${style(l)}\n`)
    .join("");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function exchangeLines(e: Exchange, room: number): string {
  const path = new URL(e.request.url).pathname;
  let text = labelled("sent", `${e.request.method} ${path}  ${e.label}  (${e.request.bytes} bytes)`, room, c.dim);
  const got = e.response
    ? `${e.response.status} in ${e.response.latencyMs} ms${e.response.bodyStart ? `  ${clip(e.response.bodyStart, 70)}` : ""}`
    : `no answer: ${e.error?.message ?? "unknown"} (after ${e.error?.latencyMs ?? 0} ms)`;
  text += labelled("got", got, room, c.dim);
  return text;
}

export interface CheckRenderer {
  /** On a terminal, a line saying which probe is running, replaced by its result. */
  running(id: string): string;
  probe(result: ProbeResult): string;
  summary(report: CheckReport): string;
}

export function checkHeader(url: string, providerTitle: string, probes: number): string {
  return `${c.bold("zoomhook check")}  ${url}  ${c.dim(`(${providerTitle}, ${probes} probe${probes === 1 ? "" : "s"})`)}\n\n`;
}

/** A renderer per run: a note said once (the 4xx/5xx trade-off) is not repeated under the next probe. */
/** `margin`: columns the caller indents every line by (`run` nests the card under its step), taken off the wrap width. */
export function checkRenderer(providerTitle: string, tty = false, margin = 0): CheckRenderer {
  const said = new Set<string>();
  let pending = false;
  return {
    running(id) {
      if (!tty) return "";
      pending = true;
      return c.dim(`  … ${id}`);
    },
    probe(p) {
      const mark = p.verdict === "pass" ? c.green(symbols.ok) : p.verdict === "warn" ? c.yellow(symbols.warn) : c.red(symbols.fail);
      const indent = 4 + ID_WIDTH;
      // Clear the "running" line first: carriage return, then erase the line.
      let text = pending ? "\r\x1b[2K" : "";
      pending = false;
      const room = width() - margin;
      text += wrap(p.summary, room - indent)
        .map((l, i) => `${i === 0 ? `  ${mark} ${p.id.padEnd(ID_WIDTH)}` : " ".repeat(indent)}${p.verdict === "pass" ? c.dim(l) : l}\n`)
        .join("");
      if (p.verdict !== "pass") {
        for (const e of p.exchanges) text += exchangeLines(e, room);
        if (p.cause) text += labelled("cause", p.cause, room);
        if (p.fix) text += labelled("fix", p.fix, room, c.cyan);
      }
      if (p.note && !said.has(p.note)) {
        said.add(p.note);
        text += labelled("note", p.note, room, c.dim);
      }
      return text;
    },
    summary(r) {
      const seconds = (r.durationMs / 1000).toFixed(1);
      const tally = [
        r.counts.fail ? c.red(`${r.counts.fail} failed`) : "",
        r.counts.warn ? c.yellow(`${r.counts.warn} warning${r.counts.warn === 1 ? "" : "s"}`) : "",
        `${r.counts.pass} passed`,
        r.notRun.length ? `${r.notRun.length} not run` : "",
      ]
        .filter(Boolean)
        .join(" · ");
      let text = `\n${tally} · ${r.requests} request${r.requests === 1 ? "" : "s"} in ${seconds} s\n`;
      if (r.verdict === "unreachable") {
        text += `${c.red(`NO ANSWER — nothing answered at ${r.url}; not run: ${r.notRun.join(", ") || "none"}`)}\n`;
      } else if (r.verdict === "fail") {
        text += `${c.red(r.counts.fail ? `FAIL — fix the failures above before ${providerTitle} finds them` : "FAIL — warnings count as failures with --strict")}\n`;
      } else if (r.verdict === "warn") {
        text += `${c.yellow("PASS with warnings — worth fixing; --strict makes them fail")}\n`;
      } else {
        text += `${c.green(`PASS — nothing here would trip ${providerTitle} up`)}\n`;
      }
      return text;
    },
  };
}
