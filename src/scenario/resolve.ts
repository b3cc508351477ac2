// Resolving compiled `${…}` references against what earlier steps sent and received.
import { generate, isTemplate, type Ref, type Template } from "./template.js";
import type { Scenario, Value } from "./types.js";

/** What a finished step offers to later references; bodies are parsed on first use only. */
export interface StepRecord {
  request?: { method: string; url: string; headers: Record<string, string>; body: Buffer | string };
  response?: { status: number; headers: Record<string, string>; body: string };
  parsed?: { request?: unknown; response?: unknown };
}

export interface Scope {
  vars: Map<string, unknown>;
  env: NodeJS.ProcessEnv;
  steps: Map<string, StepRecord>;
}

/** A scenario's scope before its first step: the environment, and its vars resolved once, in order. */
export function scenarioScope(vars: Scenario["vars"], env: NodeJS.ProcessEnv): Scope {
  const scope: Scope = { vars: new Map(), env, steps: new Map() };
  for (const v of vars) scope.vars.set(v.name, resolveValue(v.value, scope));
  return scope;
}

/** A reference that cannot be resolved while the step runs: the step fails with this message. */
export class ReferenceFailure extends Error {}

export function resolveValue(v: Value | undefined, scope: Scope): unknown {
  if (typeof v === "string" || typeof v !== "object" || v === null) return v;
  if (isTemplate(v)) return resolveTemplate(v, scope);
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, scope));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = resolveValue(x, scope);
  return out;
}

/** A template that is one reference keeps the value's type (a number stays a number); otherwise text. */
export function resolveTemplate(t: Template, scope: Scope): unknown {
  if (t.parts.length === 1 && typeof t.parts[0] !== "string") return lookup(t.parts[0]!, scope);
  let text = "";
  for (const p of t.parts) {
    if (typeof p === "string") text += p;
    else {
      const v = lookup(p, scope);
      text += typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
    }
  }
  return text;
}

export function resolveText(v: Value | undefined, scope: Scope): string | undefined {
  const r = resolveValue(v, scope);
  if (r === undefined || r === null) return undefined;
  return typeof r === "object" ? JSON.stringify(r) : String(r);
}

function lookup(ref: Ref, scope: Scope): unknown {
  if (ref.scope === "gen") return generate(ref.name);
  if (ref.scope !== "steps") {
    if (ref.scope === "vars") return scope.vars.get(ref.name);
    const v = scope.env[ref.name];
    if (v === undefined) throw new ReferenceFailure(`${ref.source}: the environment variable ${ref.name} is not set`);
    return v;
  }
  const record = scope.steps.get(ref.step);
  const side = record?.[ref.side];
  if (!record || !side) throw new ReferenceFailure(`${ref.source}: step "${ref.step}" has no ${ref.side} (it was skipped, or nothing answered)`);
  const [field, ...rest] = ref.path;
  let base: unknown;
  if (field === "body") {
    record.parsed ??= {};
    if (!(ref.side in record.parsed)) record.parsed[ref.side] = parseBody(side.body);
    base = record.parsed[ref.side];
    if (rest.length === 0) return typeof side.body === "string" ? side.body : side.body.toString("utf8");
  } else if (field === "headers") {
    const v = side.headers[rest.join(".").toLowerCase()];
    if (v === undefined) throw new ReferenceFailure(`${ref.source}: step "${ref.step}"'s ${ref.side} has no header ${rest.join(".")}`);
    return v;
  } else if (field === "status" && ref.side === "response" && rest.length === 0) {
    return (side as NonNullable<StepRecord["response"]>).status;
  } else if ((field === "url" || field === "method") && ref.side === "request" && rest.length === 0) {
    return (side as NonNullable<StepRecord["request"]>)[field];
  } else {
    throw new ReferenceFailure(`${ref.source}: a ${ref.side} has body, headers${ref.side === "response" ? ", status" : ", url, method"}; not ${field}`);
  }
  const found = getPath(base, rest);
  if (!found.found) throw new ReferenceFailure(`${ref.source}: step "${ref.step}"'s ${ref.side} body has no ${rest.slice(0, found.depth + 1).join(".")}`);
  return found.value;
}

function parseBody(body: Buffer | string): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Walk a dot path through objects and arrays; `depth` is how far it got when not found. */
export function getPath(root: unknown, path: readonly string[]): { found: boolean; value?: unknown; depth: number } {
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== "object") return { found: false, depth: i };
    const key = path[i]!;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return { found: false, depth: i };
    cur = (cur as Record<string, unknown>)[key];
  }
  return { found: true, value: cur, depth: path.length };
}

/** "payload.object.id" → segments; `\.` is a dot inside a key. */
export function splitJsonPath(path: string): string[] {
  if (path === "" || path === "$") return [];
  return path.split(/(?<!\\)\./).map((s) => s.replaceAll("\\.", "."));
}
