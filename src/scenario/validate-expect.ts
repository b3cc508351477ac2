// Validating `expect` (and http's `retry.until`): status, maxLatencyMs, body and headers matchers.
import type { KeyPath } from "./load.js";
import { shown } from "./problems.js";
import { int, isObj, knownKeys, problem, value, type Walk } from "./check-values.js";
import type { Expect, Matcher } from "./types.js";

const MATCHER_KEYS = ["equals", "contains", "matches", "exists"] as const;
const STATUS_CLASS = /^[1-5]xx$/;

export function validateExpect(w: Walk, path: KeyPath, raw: unknown): Expect {
  if (raw === undefined) return {};
  if (!isObj(raw)) {
    problem(w, path, `expected a mapping with status, maxLatencyMs, body or headers, got ${shown(raw)}`);
    return {};
  }
  knownKeys(w, path, raw, ["status", "maxLatencyMs", "body", "headers"]);
  const out: Expect = {};
  if (raw.status !== undefined) out.status = statuses(w, [...path, "status"], raw.status);
  const latency = int(w, [...path, "maxLatencyMs"], raw.maxLatencyMs, 1, "a number of milliseconds");
  if (latency !== undefined) out.maxLatencyMs = latency;
  if (raw.body !== undefined) out.body = matchers(w, [...path, "body"], raw.body, "JSON path").map(([k, m]) => ({ path: k, matcher: m }));
  if (raw.headers !== undefined) {
    out.headers = matchers(w, [...path, "headers"], raw.headers, "header name").map(([k, m]) => ({ name: k.toLowerCase(), matcher: m }));
  }
  return out;
}

function statuses(w: Walk, path: KeyPath, raw: unknown): Array<number | string> {
  const list = Array.isArray(raw) ? raw : [raw];
  const ok = list.filter((s, i) => {
    const good = (typeof s === "number" && Number.isInteger(s) && s >= 100 && s <= 599) || (typeof s === "string" && STATUS_CLASS.test(s));
    if (!good) problem(w, Array.isArray(raw) ? [...path, i] : path, `expected a status (200), a class (2xx) or a list of them, got ${shown(s)}`);
    return good;
  });
  if (list.length === 0) problem(w, path, "expected at least one status");
  return ok as Array<number | string>;
}

function matchers(w: Walk, path: KeyPath, raw: unknown, what: string): Array<[string, Matcher]> {
  if (!isObj(raw)) {
    problem(w, path, `expected a mapping of ${what} → matcher, e.g. { ok: { equals: true } }, got ${shown(raw)}`);
    return [];
  }
  return Object.entries(raw).map(([key, m]) => [key, matcher(w, [...path, key], m)]);
}

function matcher(w: Walk, path: KeyPath, raw: unknown): Matcher {
  // A bare value is shorthand for { equals: value }.
  if (!isObj(raw) || !Object.keys(raw).some((k) => (MATCHER_KEYS as readonly string[]).includes(k))) {
    if (isObj(raw)) {
      problem(w, path, `expected a matcher with ${MATCHER_KEYS.join(", ")} (or a plain value to compare with equals)`);
      return {};
    }
    return { equals: value(w, path, raw) };
  }
  knownKeys(w, path, raw, MATCHER_KEYS);
  const m: Matcher = {};
  if ("equals" in raw) m.equals = value(w, [...path, "equals"], raw.equals);
  if ("contains" in raw) m.contains = value(w, [...path, "contains"], raw.contains);
  if (raw.matches !== undefined) {
    if (typeof raw.matches !== "string") problem(w, [...path, "matches"], `expected a regular expression as text, got ${shown(raw.matches)}`);
    else {
      try {
        new RegExp(raw.matches);
        m.matches = raw.matches;
      } catch (err) {
        problem(w, [...path, "matches"], `not a regular expression: ${(err as Error).message}`);
      }
    }
  }
  if (raw.exists !== undefined) {
    if (typeof raw.exists !== "boolean") problem(w, [...path, "exists"], `expected true or false, got ${shown(raw.exists)}`);
    else m.exists = raw.exists;
  }
  return m;
}
