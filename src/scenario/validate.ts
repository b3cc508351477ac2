// Turn a loaded scenario file into a Scenario the runner can play, or throw one usage error listing every problem.
import { basename } from "node:path";
import { getProvider, providerNames } from "../providers/registry.js";
import type { ProviderCatalog, WebhookProvider } from "../providers/types.js";
import type { KeyPath, LoadedFile } from "./load.js";
import { Problems, shown } from "./problems.js";
import { int, isObj, knownKeys, oneOf, problem, str, value, type Obj, type Walk } from "./check-values.js";
import { validateExpect } from "./validate-expect.js";
import { validateReplay, validateSend } from "./validate-send.js";
import { validateCheck } from "./validate-check.js";
import { isTemplate } from "./template.js";
import type { HttpSpec, Scenario, Step, StepType } from "./types.js";

export const STEP_TYPES: readonly StepType[] = ["send", "crc", "check", "replay", "http", "wait"];
const TOP_KEYS = ["$schema", "name", "provider", "target", "vars", "defaults", "steps"];

export async function validateScenario(loaded: LoadedFile, env: NodeJS.ProcessEnv = process.env): Promise<Scenario> {
  const { file, data } = loaded;
  const problems = new Problems(file, loaded.lineOf);
  const w: Walk = { problems, earlier: new Map(), allNames: new Set(), vars: new Set(), env, needs: new Set() };
  if (!isObj(data)) {
    problems.add([], `expected a mapping with name, provider and steps at the top, got ${shown(data)}`);
    throw problems.toError();
  }
  knownKeys(w, [], data, TOP_KEYS);
  let provider: WebhookProvider | undefined;
  try {
    provider = getProvider(typeof data.provider === "string" ? data.provider : undefined);
  } catch {
    problem(w, ["provider"], `expected one of ${providerNames().join(", ")}, got ${shown(data.provider)}`);
  }
  const scenario: Scenario = {
    file,
    name: str(w, ["name"], data.name) ?? basename(file).replace(/\.(ya?ml|json)$/i, ""),
    provider: provider?.name ?? "zoom",
    vars: [],
    defaults: {},
    steps: [],
    line: loaded.lineOf(["name"]),
  };
  if (data.vars !== undefined) {
    if (!isObj(data.vars)) problem(w, ["vars"], `expected a mapping of name → value, got ${shown(data.vars)}`);
    else {
      // Vars may use env and generators; they are resolved once, before the first step.
      for (const [name, v] of Object.entries(data.vars)) scenario.vars.push({ name, value: value(w, ["vars", name], v) });
      for (const v of scenario.vars) w.vars.add(v.name);
    }
  }
  if (data.target !== undefined) scenario.target = value(w, ["target"], str(w, ["target"], data.target));
  if (data.defaults !== undefined) {
    if (!isObj(data.defaults)) problem(w, ["defaults"], `expected a mapping with headers and timeout, got ${shown(data.defaults)}`);
    else {
      knownKeys(w, ["defaults"], data.defaults, ["headers", "timeout"]);
      scenario.defaults.headers = str(w, ["defaults", "headers"], data.defaults.headers);
      if (scenario.defaults.headers && provider && !provider.profiles.includes(scenario.defaults.headers)) {
        problem(w, ["defaults", "headers"], `expected one of ${provider.profiles.join(", ")}, got ${shown(scenario.defaults.headers)}`);
      }
      scenario.defaults.timeoutMs = int(w, ["defaults", "timeout"], data.defaults.timeout, 1, "a number of milliseconds");
    }
  }
  if (!Array.isArray(data.steps) || data.steps.length === 0) {
    problem(w, ["steps"], `expected a list of steps (${STEP_TYPES.join(", ")}), got ${shown(data.steps)}`);
    throw problems.toError();
  }
  for (const s of data.steps) if (isObj(s) && typeof s.name === "string") w.allNames.add(s.name);
  const catalog = provider ? await provider.catalog() : undefined;
  // The probe registry is loaded only for scenarios that check.
  const probes = provider && data.steps.some((s) => isObj(s) && "check" in s) ? (await import("../check/registry.js")).probeIds(provider) : [];
  data.steps.forEach((raw, i) => {
    const step = provider && catalog ? validateStep(w, i, raw, provider, catalog, probes) : undefined;
    if (step) scenario.steps.push(step);
  });
  if (!problems.empty) throw problems.toError();
  return scenario;
}

function validateStep(w: Walk, i: number, raw: unknown, provider: WebhookProvider, catalog: ProviderCatalog, probes: readonly string[]): Step | undefined {
  const path: KeyPath = ["steps", i];
  const index = i + 1;
  w.step = { index, name: isObj(raw) && typeof raw.name === "string" ? raw.name : undefined };
  w.needs = new Set();
  if (!isObj(raw)) {
    problem(w, path, `expected a mapping with one of ${STEP_TYPES.join(", ")}, got ${shown(raw)}`);
    return undefined;
  }
  const types = STEP_TYPES.filter((t) => t in raw);
  if (types.length !== 1) {
    problem(w, path, types.length === 0 ? `expected one of ${STEP_TYPES.join(", ")} in the step` : `expected one step type, got ${types.join(" and ")}`);
    return undefined;
  }
  const type = types[0]!;
  knownKeys(w, path, raw, ["name", "expect", type, ...(type === "http" ? ["retry"] : [])]);
  const name = raw.name === undefined ? undefined : str(w, [...path, "name"], raw.name);
  if (name !== undefined && w.earlier.has(name)) problem(w, [...path, "name"], `another step is already named "${name}"`);
  const at = [...path, type];
  const expect = validateExpect(w, [...path, "expect"], raw.expect);
  if (type === "wait" && raw.expect !== undefined) problem(w, [...path, "expect"], "a wait step makes no request, so there is nothing to expect");
  if (type === "check" && raw.expect !== undefined) problem(w, [...path, "expect"], "a check step grades its own probes; choose them with only and skip, and make warnings fail with strict: true");
  const base = { index, named: name !== undefined, expect, line: w.problems.lineOf(path) };
  let step: Step | undefined;
  if (type === "send") {
    const send = validateSend(w, at, raw.send, provider, catalog);
    step = { ...base, type, send, name: name ?? `send ${send.event ?? send.data ?? ""}`.trim(), needs: [] };
  } else if (type === "crc") {
    if (!provider.handshake) problem(w, at, `${provider.title} sends no URL validation challenge, so there is nothing to grade`);
    const o = raw.crc === true || raw.crc === null ? {} : raw.crc;
    if (!isObj(o)) problem(w, at, `expected true or a mapping with token, got ${shown(raw.crc)}`);
    else knownKeys(w, at, o, ["token"]);
    const token = isObj(o) && o.token !== undefined ? value(w, [...at, "token"], str(w, [...at, "token"], o.token)) : undefined;
    step = { ...base, type, crc: { token }, name: name ?? "crc", needs: [] };
  } else if (type === "check") {
    const check = validateCheck(w, at, raw.check, probes, provider.title);
    step = { ...base, type, check, name: name ?? (check.only.length ? `check ${check.only.join(", ")}` : "check"), needs: [] };
  } else if (type === "replay") {
    const replay = validateReplay(w, at, raw.replay);
    step = { ...base, type, replay, name: name ?? `replay ${replay.step ?? "capture"}`, needs: [] };
  } else if (type === "http") {
    step = validateHttp(w, at, raw, base, name);
  } else {
    const ms = int(w, at, raw.wait, 0, "a number of milliseconds");
    step = { ...base, type: "wait", waitMs: ms ?? 0, name: name ?? `wait ${ms ?? 0} ms`, needs: [] };
  }
  step.needs = [...w.needs];
  if (name !== undefined) w.earlier.set(name, type);
  return step;
}

type Base = { index: number; named: boolean; expect: Step["expect"]; line?: number };

function validateHttp(w: Walk, at: KeyPath, raw: Obj, base: Base, name: string | undefined): Step {
  const o = typeof raw.http === "string" ? { url: raw.http } : raw.http;
  const spec: HttpSpec = { method: "GET", url: "", headers: [] };
  if (!isObj(o)) problem(w, at, `expected a URL or a mapping with method, url, headers, body, got ${shown(raw.http)}`);
  else {
    knownKeys(w, at, o, ["method", "url", "headers", "body"]);
    spec.method = (oneOf(w, [...at, "method"], typeof o.method === "string" ? o.method.toUpperCase() : o.method, ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const) ?? "GET");
    const url = str(w, [...at, "url"], o.url);
    if (url === undefined && o.url === undefined) problem(w, [...at, "url"], "expected the URL to request");
    spec.url = url === undefined ? "" : value(w, [...at, "url"], url);
    if (o.headers !== undefined) {
      if (!isObj(o.headers)) problem(w, [...at, "headers"], `expected a mapping of header name → value, got ${shown(o.headers)}`);
      else spec.headers = Object.entries(o.headers).map(([k, v]) => ({ name: k.toLowerCase(), value: value(w, [...at, "headers", k], String(v)) }));
    }
    if (o.body !== undefined) spec.body = value(w, [...at, "body"], o.body);
  }
  const url = typeof spec.url === "string" ? spec.url : isTemplate(spec.url) ? spec.url.source : "";
  const step: Step & { type: "http" } = { ...base, type: "http", http: spec, name: name ?? `${spec.method} ${url}`, needs: [] };
  if (raw.retry !== undefined) {
    const r = raw.retry;
    const rp: KeyPath = [...(at.slice(0, 2) as KeyPath), "retry"];
    if (!isObj(r)) problem(w, rp, `expected a mapping with until, timeout and interval, got ${shown(r)}`);
    else {
      knownKeys(w, rp, r, ["until", "timeout", "interval"]);
      if (r.until === undefined) problem(w, [...rp, "until"], "expected what to wait for, e.g. { status: 200 }");
      step.retry = {
        until: validateExpect(w, [...rp, "until"], r.until),
        timeoutMs: int(w, [...rp, "timeout"], r.timeout, 1, "a number of milliseconds") ?? 5000,
        intervalMs: int(w, [...rp, "interval"], r.interval, 1, "a number of milliseconds") ?? 200,
      };
    }
  }
  return step;
}
