// Rendering deliveries: one exchange in detail, or a progress line and a summary under load.
import type { DeliveryResult } from "../../sender/deliver.js";
import type { LoadSummary } from "../../shared/stats.js";
import { batched } from "./batched.js";
import { zoomProvider } from "../../providers/zoom/index.js";
import type { WebhookProvider } from "../../providers/types.js";
import { inertLines } from "./inert.js";
import { err as e, out as c, symbols } from "./style.js";

export interface SendReportOptions {
  count: number;
  json?: boolean;
  provider?: WebhookProvider;
  /** Seconds the signature was back-dated by (--stale): a 2xx then means no replay window. */
  stale?: number;
}

export function reportSend(url: string, opts: SendReportOptions, mode: string) {
  const provider = opts.provider ?? zoomProvider;
  const budget = provider.rules.answerBudgetMs;
  const many = opts.count > 1;
  const tty = process.stderr.isTTY && !opts.json;
  const stdout = batched(process.stdout);
  let done = 0;
  let lastDraw = 0;
  return {
    onResult(r: DeliveryResult): void {
      done++;
      if (opts.json) {
        stdout.write(`${JSON.stringify({ type: "delivery", ...r })}\n`);
      } else if (!many) {
        // The answer is whatever the target sent: make it inert before it reaches the terminal.
        process.stdout.write(renderOne(url, r.responseBody ? { ...r, responseBody: inertLines(r.responseBody) } : r, mode, provider, opts.stale));
      } else if (tty && performance.now() - lastDraw > 100) {
        lastDraw = performance.now();
        process.stderr.write(`\r${done}/${opts.count} sent`);
      }
      if (!opts.json && !many && r.status !== undefined && r.durationMs > budget) {
        process.stderr.write(e.yellow(`${symbols.warn} the answer took ${Math.round(r.durationMs)} ms: ${provider.title} gives up after ${budget / 1000} s and retries\n`));
      }
    },
    done(s: LoadSummary): void {
      if (opts.json) {
        if (many) stdout.write(`${JSON.stringify({ type: "summary", ...s })}\n`);
        stdout.flush();
        return;
      }
      if (!many) return;
      if (tty) process.stderr.write("\r\x1b[K");
      const line = `${s.sent} sent · ${s.ok} 2xx · ${s.failed + s.noAnswer} failed · ${s.ratePerSec.toLocaleString("en-US")}/s · p50 ${s.p50Ms} ms · p99 ${s.p99Ms} ms\n`;
      process.stdout.write(s.ok === s.sent ? line : c.yellow(line));
      if (s.p99Ms > budget) {
        process.stderr.write(e.yellow(`${symbols.warn} some answers took over ${budget / 1000} s: ${provider.title} would count those as failures and retry\n`));
      }
    },
  };
}

function renderOne(url: string, r: DeliveryResult, mode: string, provider: WebhookProvider, stale: number | undefined): string {
  const version = provider.name === "zoom" ? "v0" : "v1";
  const sig = mode === "valid" ? `signed ${version}${r.timestamp !== undefined && provider.timestampHeader ? `, ts ${r.timestamp}` : ""}` : mode === "bad" ? "bad signature" : mode === "kept" ? "original signature" : "unsigned";
  const which = r.duplicate ? " [duplicate, same request id]" : r.attempt > 1 ? ` [retry ${r.attempt - 1}, same request id]` : "";
  let text = `${c.dim(symbols.arrowOut)} POST ${url}  ${c.bold(r.event ?? "(no event)")}  ${c.dim(`(${r.bytes} bytes, ${sig})${which}`)}\n`;
  const retry = r.retryInMs !== undefined ? `${c.yellow(`  ${provider.title} would retry this delivery in ${formatDelay(r.retryInMs)}`)}\n` : "";
  if (r.status === undefined) return `${text}${c.red(`${symbols.fail} no answer: ${r.error}`)}\n${retry}`;
  const ok = r.status >= 200 && r.status < 300;
  const status = `${r.status}${statusText(r.status)}`;
  text += `${c.dim(symbols.arrowIn)} ${ok ? c.green(status) : c.red(status)} in ${Math.round(r.durationMs)} ms\n`;
  if (r.responseBody) text += `  ${bodyPreview(r.responseBody)}\n`;
  for (const line of probeNotes(r.status, mode, provider, stale)) text += `  ${line}\n`;
  if (!ok && r.retryInMs === undefined && r.status >= 300 && !provider.rules.retries(r.status)) {
    text += c.dim(`  ${provider.title} never retries a 3xx or 4xx answer: this delivery would be lost\n`);
  }
  return text + retry;
}

/** An answer's first two lines (an app's HTML error page is hundreds); the whole body is in --json. */
export function bodyPreview(body: string): string {
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== "");
  let shown = lines.slice(0, 2).join("\n  ");
  if (shown.length > 300) shown = `${shown.slice(0, 300)}…`;
  const more = lines.length > 2 || shown.endsWith("…") ? c.dim(` (${Buffer.byteLength(body)} bytes in all; the whole answer is in --json)`) : "";
  return `${shown}${more}`;
}

/** What an answer means for the probe that was sent. */
function probeNotes(status: number, mode: string, provider: WebhookProvider, stale: number | undefined): string[] {
  const ok = status >= 200 && status < 300;
  if (ok && (mode === "bad" || mode === "none")) {
    return [e.yellow(`${symbols.warn} the endpoint accepted a delivery ${mode === "bad" ? "with a wrong signature" : "with no signature"}: anyone who learns its URL can forge ${provider.title} events`)];
  }
  if (ok && mode === "valid" && stale) {
    return [e.yellow(`${symbols.warn} the endpoint accepted a delivery signed ${stale} s ago: it has no replay window, so a captured delivery can be replayed (reject timestamps older than 5 minutes)`)];
  }
  if ((status === 401 || status === 403) && mode === "valid" && !stale) {
    return [
      c.dim(
        "  the signature is valid for exactly these bytes: an app that rejects it most likely verifies a re-serialised body (JSON.stringify(req.body)) instead of the raw bytes, or uses another secret",
      ),
    ];
  }
  return [];
}

function formatDelay(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function statusText(status: number): string {
  const names: Record<number, string> = { 200: " OK", 201: " Created", 202: " Accepted", 204: " No Content", 400: " Bad Request", 401: " Unauthorized", 403: " Forbidden", 404: " Not Found", 405: " Method Not Allowed", 413: " Payload Too Large", 500: " Internal Server Error", 502: " Bad Gateway", 503: " Service Unavailable", 504: " Gateway Timeout" };
  return names[status] ?? "";
}
