// Which headers cross a relay: hop-by-hop ones never do (RFC 9110 §7.6.1); zoomhook's own markers neither.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Request headers to send on: original names and order, minus hop-by-hop, Host and Content-Length (recomputed). */
export function relayRequestHeaders(headers: Array<[string, string]>): Record<string, string> {
  const connectionListed = new Set<string>();
  for (const [k, v] of headers) if (k.toLowerCase() === "connection") for (const t of v.split(",")) connectionListed.add(t.trim().toLowerCase());
  const out: Record<string, string> = {};
  for (const [k, v] of headers) {
    const lower = k.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionListed.has(lower) || lower === "host" || lower === "content-length" || lower.startsWith("x-zoomhook-")) continue;
    out[lower] = lower in out ? `${out[lower]}, ${v}` : v;
  }
  return out;
}

/** Response headers to hand back: minus hop-by-hop and the framing ones the server recomputes. */
export function relayResponseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower === "content-length" || lower === "date") continue;
    out[lower] = v;
  }
  return out;
}
