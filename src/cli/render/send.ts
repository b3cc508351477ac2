// Rendering deliveries: one exchange in detail, or a progress line and a summary under load.
import type { DeliveryResult } from "../../sender/deliver.js";
import type { LoadSummary } from "../../shared/stats.js";
import { batched } from "./batched.js";
import { err as e, out as c, symbols } from "./style.js";

const SLOW_MS = 3000;

export function reportSend(url: string, opts: { count: number; json?: boolean }, mode: string) {
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
        process.stdout.write(renderOne(url, r, mode));
      } else if (tty && performance.now() - lastDraw > 100) {
        lastDraw = performance.now();
        process.stderr.write(`\r${done}/${opts.count} sent`);
      }
      if (!opts.json && !many && r.status !== undefined && r.durationMs > SLOW_MS) {
        process.stderr.write(e.yellow(`${symbols.warn} the answer took ${Math.round(r.durationMs)} ms: Zoom gives up after 3 s and retries\n`));
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
      if (s.p99Ms > SLOW_MS) process.stderr.write(e.yellow(`${symbols.warn} some answers took over 3 s: Zoom would count those as failures and retry\n`));
    },
  };
}

function renderOne(url: string, r: DeliveryResult, mode: string): string {
  const sig = mode === "valid" ? `signed v0, ts ${r.timestamp}` : mode === "bad" ? "bad signature" : mode === "kept" ? "original signature" : "unsigned";
  const which = r.duplicate ? " [duplicate, same request id]" : r.attempt > 1 ? ` [retry ${r.attempt - 1}, same request id]` : "";
  let text = `${c.dim(symbols.arrowOut)} POST ${url}  ${c.bold(r.event ?? "(no event)")}  ${c.dim(`(${r.bytes} bytes, ${sig})${which}`)}\n`;
  const retry = r.retryInMs !== undefined ? `${c.yellow(`  Zoom would retry this delivery in ${formatDelay(r.retryInMs)}`)}\n` : "";
  if (r.status === undefined) return `${text}${c.red(`${symbols.fail} no answer: ${r.error}`)}\n${retry}`;
  const ok = r.status >= 200 && r.status < 300;
  const status = `${r.status}${statusText(r.status)}`;
  text += `${c.dim(symbols.arrowIn)} ${ok ? c.green(status) : c.red(status)} in ${Math.round(r.durationMs)} ms\n`;
  if (r.responseBody) text += `  ${r.responseBody.length > 2000 ? `${r.responseBody.slice(0, 2000)}…` : r.responseBody}\n`;
  if (!ok && r.retryInMs === undefined && r.status < 500 && r.status >= 300) text += c.dim("  Zoom never retries a 3xx or 4xx answer: this delivery would be lost\n");
  return text + retry;
}

function formatDelay(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function statusText(status: number): string {
  const names: Record<number, string> = { 200: " OK", 201: " Created", 202: " Accepted", 204: " No Content", 400: " Bad Request", 401: " Unauthorized", 403: " Forbidden", 404: " Not Found", 405: " Method Not Allowed", 413: " Payload Too Large", 500: " Internal Server Error", 502: " Bad Gateway", 503: " Service Unavailable", 504: " Gateway Timeout" };
  return names[status] ?? "";
}
