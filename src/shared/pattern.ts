// The one event-pattern matcher: exact names, or `*` wildcards anywhere (`meeting.*`, `*.completed`, `*_started`).
const cache = new Map<string, RegExp>();

export function isPattern(pattern: string): boolean {
  return pattern.includes("*");
}

export function matchesPattern(pattern: string, event: string): boolean {
  if (!pattern.includes("*")) return pattern === event;
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "s");
    if (cache.size > 256) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(event);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
