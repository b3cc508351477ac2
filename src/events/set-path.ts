// Field overrides for `--set path=value` / `--set-string path=value`: parse the flag, then write into a body.
import { usageError } from "../shared/errors.js";

// Keys that would reach Object.prototype instead of the body.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** Splits "payload.object.topic" into segments; "\." is a literal dot inside a key. */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === "\\" && path[i + 1] === ".") {
      cur += ".";
      i++;
    } else if (c === ".") {
      segments.push(cur);
      cur = "";
    } else cur += c;
  }
  segments.push(cur);
  if (path.trim() === "" || segments.some((s) => s === "")) {
    throw usageError("invalid_path", `"${path}" is not a field path.`, { hint: 'Write dot-separated keys, e.g. payload.object.topic or payload.object.participants.0.id.' });
  }
  const bad = segments.find((s) => FORBIDDEN.has(s));
  if (bad) throw usageError("invalid_path", `"${bad}" cannot be used in a field path.`);
  return segments;
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Sets a value deep inside a body. Missing containers are created (an array when the next segment is
 * an index, else an object); numeric segments index into existing arrays. Refuses to descend into a
 * string or number, since silently replacing it would hide a typo.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = splitPath(path);
  let cur: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    const key: string | number = Array.isArray(cur) && INDEX.test(seg) ? Number(seg) : seg;
    let next = (cur as Record<string | number, unknown>)[key];
    if (next === undefined || next === null) {
      next = INDEX.test(segments[i + 1]!) ? [] : {};
      (cur as Record<string | number, unknown>)[key] = next;
    } else if (typeof next !== "object") {
      const at = segments.slice(0, i + 1).join(".");
      throw usageError("invalid_path", `Cannot set "${path}": "${at}" is a ${typeof next}, not an object.`, {
        hint: `Set "${at}" itself, or check the path against the event's fixture.`,
      });
    }
    cur = next as Record<string, unknown> | unknown[];
  }
  const last = segments[segments.length - 1]!;
  const key: string | number = Array.isArray(cur) && INDEX.test(last) ? Number(last) : last;
  (cur as Record<string | number, unknown>)[key] = value;
}

/**
 * Parses one `--set` (`asString` false) or `--set-string` (`asString` true) expression.
 * `--set` reads the value as JSON when it is JSON (1, true, null, "x", {"a":1}), else keeps the text;
 * `--set-string` always keeps the text (so `id=85123456789` stays a string).
 */
export function parseAssignment(expr: string, asString: boolean): { path: string; value: unknown } {
  const eq = expr.indexOf("=");
  if (eq < 0) {
    throw usageError("invalid_assignment", `Expected path=value, got "${expr}".`, { hint: 'For example: --set payload.object.topic="Board meeting" or --set payload.object.duration=60.' });
  }
  const path = expr.slice(0, eq).trim();
  splitPath(path);
  const raw = expr.slice(eq + 1);
  if (asString) return { path, value: raw };
  const text = raw.trim();
  // Integers past 2^53 would silently lose digits in JSON.parse; Zoom ids can be that long.
  if (/^-?\d{16,}$/.test(text) && !Number.isSafeInteger(Number(text))) {
    throw usageError("unsafe_integer", `${text} is too large to be a JSON number without losing digits.`, { hint: `Use --set-string ${path}=${text} to send it as a string.` });
  }
  try {
    return { path, value: JSON.parse(text) };
  } catch {
    return { path, value: raw };
  }
}
