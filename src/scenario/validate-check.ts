// The `check` step: zoomhook check's probes, chosen by id (only / skip), with --strict's meaning for warnings.
import type { KeyPath } from "./load.js";
import { shown } from "./problems.js";
import { bool, isObj, knownKeys, problem, type Walk } from "./check-values.js";
import type { CheckSpec } from "./types.js";

/** `check: true`, `check: null` or `check: { only, skip, strict }`; ids are checked against the provider's probes. */
export function validateCheck(w: Walk, at: KeyPath, raw: unknown, probeIds: readonly string[], providerTitle: string): CheckSpec {
  const spec: CheckSpec = { only: [], skip: [], strict: false };
  const o = raw === true || raw === null ? {} : raw;
  if (!isObj(o)) {
    problem(w, at, `expected true or a mapping with only, skip, strict, got ${shown(raw)}`);
    return spec;
  }
  knownKeys(w, at, o, ["only", "skip", "strict"]);
  spec.only = ids(w, [...at, "only"], o.only, probeIds, providerTitle);
  spec.skip = ids(w, [...at, "skip"], o.skip, probeIds, providerTitle);
  spec.strict = bool(w, [...at, "strict"], o.strict) ?? false;
  if (spec.only.length > 0 && spec.only.every((id) => spec.skip.includes(id))) problem(w, [...at, "skip"], "skips every probe that only selects, so nothing would run");
  return spec;
}

function ids(w: Walk, path: KeyPath, v: unknown, valid: readonly string[], providerTitle: string): string[] {
  if (v === undefined) return [];
  const list = typeof v === "string" ? v.split(",").map((s) => s.trim()) : v;
  if (!Array.isArray(list) || list.some((x) => typeof x !== "string")) {
    problem(w, path, `expected a list of probe ids, got ${shown(v)}`);
    return [];
  }
  const bad = (list as string[]).filter((id) => !valid.includes(id));
  if (bad.length > 0) problem(w, path, `${bad.map((id) => `"${id}"`).join(", ")} ${bad.length === 1 ? "is not a probe" : "are not probes"} for ${providerTitle}; expected some of ${valid.join(", ")}`);
  return (list as string[]).filter((id) => valid.includes(id));
}
