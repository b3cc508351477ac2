// Shape checks shared by the scenario validator: typed getters that record a problem instead of throwing.
import type { KeyPath } from "./load.js";
import { Problems, shown, suggestKey } from "./problems.js";
import { compileString, isTemplate, stepRefs, type Template } from "./template.js";
import type { Value } from "./types.js";

export type Obj = Record<string, unknown>;

/** Where the walker is: the problems list, the current step, and what references may name. */
export interface Walk {
  problems: Problems;
  step?: { index: number; name?: string };
  /** Named steps before the current one, with their types. */
  earlier: Map<string, string>;
  /** Every step name in the file, for "comes later" messages. */
  allNames: Set<string>;
  vars: Set<string>;
  env: NodeJS.ProcessEnv;
  /** Step names the current step references. */
  needs: Set<string>;
}

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function problem(w: Walk, path: KeyPath, message: string): void {
  w.problems.add(path, message, w.step);
}

export function knownKeys(w: Walk, path: KeyPath, o: Obj, known: readonly string[]): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) problem(w, [...path, k], `unknown key${suggestKey(k, known)}`);
}

export function str(w: Walk, path: KeyPath, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string" && v !== "") return v;
  problem(w, path, `expected a non-empty string, got ${shown(v)}`);
  return undefined;
}

export function bool(w: Walk, path: KeyPath, v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  problem(w, path, `expected true or false, got ${shown(v)}`);
  return undefined;
}

export function int(w: Walk, path: KeyPath, v: unknown, min: number, what = "a whole number"): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "number" && Number.isInteger(v) && v >= min) return v;
  problem(w, path, `expected ${what} ≥ ${min}, got ${shown(v)}`);
  return undefined;
}

export function oneOf<T extends string>(w: Walk, path: KeyPath, v: unknown, choices: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string" && (choices as readonly string[]).includes(v)) return v as T;
  problem(w, path, `expected one of ${choices.join(", ")}, got ${shown(v)}`);
  return undefined;
}

/** Any value; strings are compiled into templates and their references checked. */
export function value(w: Walk, path: KeyPath, v: unknown): Value {
  if (typeof v === "string") {
    const compiled = compileString(v, (m) => problem(w, path, m));
    if (isTemplate(compiled)) checkRefs(w, path, compiled);
    return compiled;
  }
  if (Array.isArray(v)) return v.map((x, i) => value(w, [...path, i], x));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(w, [...path, k], x)]));
  if (v === undefined) return null;
  return v as Value;
}

function checkRefs(w: Walk, path: KeyPath, t: Template): void {
  for (const part of t.parts) {
    if (typeof part === "string") continue;
    if (part.scope === "vars" && !w.vars.has(part.name)) {
      problem(w, path, `${part.source}: no var "${part.name}" (vars: ${[...w.vars].join(", ") || "none"})`);
    } else if (part.scope === "env" && w.env[part.name] === undefined) {
      problem(w, path, `${part.source}: the environment variable ${part.name} is not set`);
    }
  }
  for (const name of stepRefs(t)) {
    const type = w.earlier.get(name);
    const source = t.parts.find((p) => typeof p !== "string" && p.scope === "steps" && p.step === name);
    const src = typeof source === "string" || !source ? name : source.source;
    if (type === undefined) {
      problem(w, path, w.allNames.has(name) ? `${src}: step "${name}" comes later; a step can only read the steps before it` : `${src}: there is no step named "${name}"`);
    } else if (type === "wait" || type === "check") {
      problem(w, path, `${src}: step "${name}" is a ${type} step, which ${type === "wait" ? "makes no request" : "makes many requests, not one to read"}`);
    } else w.needs.add(name);
  }
}

/** A mapping of field path → value (`set`), or of path → text (`set-string`). */
export function assignments(w: Walk, path: KeyPath, v: unknown, asString: boolean): Array<{ path: string; value: Value }> {
  if (v === undefined) return [];
  if (!isObj(v)) {
    problem(w, path, `expected a mapping of field path → value, e.g. { payload.object.topic: Standup }, got ${shown(v)}`);
    return [];
  }
  return Object.entries(v).map(([k, x]) => {
    if (asString && (typeof x === "object" && x !== null)) problem(w, [...path, k], `expected text for set-string, got ${shown(x)}`);
    const compiled = value(w, [...path, k], asString && typeof x !== "string" && x !== null && typeof x !== "object" ? String(x) : x);
    return { path: k, value: compiled };
  });
}
