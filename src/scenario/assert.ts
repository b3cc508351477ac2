// Checking a response against `expect`: status, latency, body and header matchers. Returns failures, never throws.
import { isDeepStrictEqual } from "node:util";
import { getPath, resolveValue, splitJsonPath, type Scope } from "./resolve.js";
import type { Expect, Failure, Matcher } from "./types.js";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
}

export function statusMatches(status: number, allowed: ReadonlyArray<number | string>): boolean {
  return allowed.some((a) => (typeof a === "number" ? a === status : Math.floor(status / 100) === Number(a[0])));
}

export function checkAnswer(expect: Expect, answer: Answer, scope: Scope): Failure[] {
  const failures: Failure[] = [];
  if (expect.status && !statusMatches(answer.status, expect.status)) {
    const want = expect.status.length === 1 ? String(expect.status[0]) : `one of ${expect.status.join(", ")}`;
    failures.push({ check: "status", message: `expected status ${want}, got ${answer.status}`, expected: expect.status.length === 1 ? expect.status[0] : expect.status, actual: answer.status });
  }
  if (expect.maxLatencyMs !== undefined && answer.latencyMs > expect.maxLatencyMs) {
    failures.push({ check: "maxLatencyMs", message: `answered in ${Math.round(answer.latencyMs)} ms, over the ${expect.maxLatencyMs} ms allowed`, expected: expect.maxLatencyMs, actual: Math.round(answer.latencyMs) });
  }
  if (expect.body && expect.body.length > 0) {
    let parsed: unknown;
    let isJson = true;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      isJson = false;
    }
    for (const { path, matcher } of expect.body) {
      const check = `body${path ? `.${path}` : ""}`;
      if (!isJson) {
        failures.push({ check, message: `${check}: the response body is not JSON`, expected: describeMatcher(matcher, scope), actual: answer.body.slice(0, 500) });
        continue;
      }
      const found = getPath(parsed, splitJsonPath(path));
      const f = match(check, matcher, found.found, found.value, scope);
      if (f) failures.push(f);
    }
  }
  for (const { name, matcher } of expect.headers ?? []) {
    const v = answer.headers[name];
    const f = match(`headers.${name}`, matcher, v !== undefined, v, scope);
    if (f) failures.push(f);
  }
  return failures;
}

function match(check: string, m: Matcher, found: boolean, actual: unknown, scope: Scope): Failure | undefined {
  if (m.exists !== undefined && m.exists !== found) {
    return { check, message: m.exists ? `${check}: expected it to exist, but it is missing` : `${check}: expected it to be absent`, expected: m.exists ? "present" : "absent", actual: found ? actual : "missing" };
  }
  if (!found && (m.equals !== undefined || m.contains !== undefined || m.matches !== undefined)) {
    return { check, message: `${check}: missing`, expected: describeMatcher(m, scope), actual: "missing" };
  }
  if ("equals" in m) {
    const want = resolveValue(m.equals, scope);
    if (!isDeepStrictEqual(actual, want)) return { check, message: `${check}: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`, expected: want, actual };
  }
  if ("contains" in m) {
    const want = resolveValue(m.contains, scope);
    if (!contains(actual, want)) return { check, message: `${check}: expected it to contain ${JSON.stringify(want)}`, expected: want, actual };
  }
  if (m.matches !== undefined) {
    const text = typeof actual === "string" ? actual : JSON.stringify(actual);
    if (!new RegExp(m.matches).test(text)) return { check, message: `${check}: expected it to match /${m.matches}/, got ${JSON.stringify(actual)}`, expected: `/${m.matches}/`, actual };
  }
  return undefined;
}

/** Text contains text; a list contains an equal item; an object contains every key of the expected object. */
function contains(actual: unknown, want: unknown): boolean {
  if (typeof actual === "string") return actual.includes(typeof want === "string" ? want : JSON.stringify(want));
  if (Array.isArray(actual)) return actual.some((x) => isDeepStrictEqual(x, want) || (isObject(want) && contains(x, want)));
  if (isObject(actual) && isObject(want)) {
    return Object.entries(want).every(([k, v]) => k in actual && (isDeepStrictEqual(actual[k], v) || contains(actual[k], v)));
  }
  return false;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function describeMatcher(m: Matcher, scope: Scope): unknown {
  if ("equals" in m) return resolveValue(m.equals, scope);
  if ("contains" in m) return { contains: resolveValue(m.contains, scope) };
  if (m.matches !== undefined) return `/${m.matches}/`;
  return m.exists ? "present" : "absent";
}
