// "Copy as curl": the captured request as a shell command aimed at the receiver, exact body bytes included.
import { SECRET_HEADER_RE, maskValue, type Capture } from "../shared/capture.js";

// Headers curl computes itself, or that would be wrong when sent to another host.
const SKIP = new Set(["host", "content-length", "connection", "transfer-encoding", "keep-alive", "accept-encoding", "expect"]);

/** POSIX single-quoting: safe for any text, including quotes and newlines. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The captured path and query as a path on the receiver. Resolving it as a URL would let a sender
 * choose the host: an absolute-form target (`POST http://elsewhere/x`) or `//elsewhere/x`.
 */
function pathOnReceiver(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      const u = new URL(path);
      return `${u.pathname}${u.search}`;
    } catch {
      return "/";
    }
  }
  return path.startsWith("/") ? path : `/${path}`;
}

function targetUrl(c: Capture, endpointUrl: string | undefined): string {
  let origin = "http://127.0.0.1";
  try {
    if (endpointUrl) origin = new URL(endpointUrl).origin;
  } catch {
    // keep the loopback default
  }
  // The capture's own path and query, on the receiver's origin: what was hit, not just the configured path.
  return `${origin}${pathOnReceiver(c.path)}`;
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
