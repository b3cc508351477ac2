// "Copy as curl": the captured request as a shell command aimed at the receiver, exact body bytes included.
import { SECRET_HEADER_RE, maskValue, type Capture } from "../shared/capture.js";

// Headers curl computes itself, or that would be wrong when sent to another host.
const SKIP = new Set(["host", "content-length", "connection", "transfer-encoding", "keep-alive", "accept-encoding", "expect"]);

/** POSIX single-quoting: safe for any text, including quotes and newlines. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function targetUrl(c: Capture, endpointUrl: string | undefined): string {
  if (!endpointUrl) return `http://127.0.0.1${c.path}`;
  try {
    // The capture's own path and query, on the receiver's origin: what was hit, not just the configured path.
    return new URL(c.path, endpointUrl).toString();
  } catch {
    return endpointUrl;
  }
}

export function toCurl(c: Capture, endpointUrl: string | undefined, reveal: boolean): string {
  const lines = [`curl -X ${c.method} ${shellQuote(targetUrl(c, endpointUrl))}`];
  for (const [name, value] of c.headers) {
    if (SKIP.has(name.toLowerCase())) continue;
    const shown = !reveal && SECRET_HEADER_RE.test(name) ? maskValue(value) : value;
    lines.push(`-H ${shellQuote(`${name}: ${shown}`)}`);
  }
  if (c.body.length > 0) lines.push(`--data-binary ${shellQuote(c.body.toString("utf8"))}`);
  return lines.join(" \\\n  ") + "\n";
}
