// Lookups over the generated event catalog: list, find, filter and "did you mean" suggestions. Never reads fixtures.
import { editDistance } from "../shared/edit-distance.js";
import { CATALOG } from "./catalog.generated.js";
import type { CatalogEntry } from "./catalog-types.js";
import { matchesPattern } from "../shared/pattern.js";

const ENTRIES: readonly CatalogEntry[] = CATALOG.map(({ name, product, description }) => ({ name, product, description })).sort(
  (a, b) => compare(a.product, b.product) || compare(a.name, b.name),
);
const BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]));

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every known event, sorted by product then name. Callers get copies. */
export function listEvents(): CatalogEntry[] {
  return ENTRIES.map((e) => ({ ...e }));
}

/** The entry for an exact Zoom event name (case and surrounding spaces forgiven). */
export function findEvent(name: string): CatalogEntry | undefined {
  const entry = BY_NAME.get(name) ?? BY_NAME.get(name.trim().toLowerCase());
  return entry ? { ...entry } : undefined;
}

/**
 * Events matching a query: `meeting.*` / `*_started` style globs, a product name (`phone`: that
 * product only), or otherwise a case-insensitive substring of the name. An empty query matches everything.
 */
export function filterEvents(query: string): CatalogEntry[] {
  const q = query.trim().toLowerCase();
  if (q === "" || q === "*") return listEvents();
  let test: (e: CatalogEntry) => boolean;
  if (q.includes("*")) {
    test = (e) => matchesPattern(q, e.name);
  } else if (ENTRIES.some((e) => e.product === q)) {
    test = (e) => e.product === q;
  } else {
    test = (e) => e.name.includes(q);
  }
  return ENTRIES.filter(test).map((e) => ({ ...e }));
}

/**
 * "Did you mean" candidates for a mistyped name: small edit distance (typos, swapped letters),
 * or names that start with / contain what was typed (`meeting.start` → `meeting.started`).
 */
export function suggestEvents(name: string, max = 3, entries: readonly CatalogEntry[] = ENTRIES): string[] {
  const q = name.trim().toLowerCase();
  if (q === "" || max <= 0) return [];
  const budget = Math.max(2, Math.floor(q.length / 4));
  const scored: { name: string; score: number }[] = [];
  for (const e of entries) {
    let score: number;
    if (e.name.startsWith(q)) score = 0.5 + (e.name.length - q.length) / 100;
    else if (q.length >= 4 && e.name.includes(q)) score = 1 + (e.name.length - q.length) / 100;
    else {
      const d = editDistance(q, e.name, budget);
      if (d > budget) continue;
      score = d;
    }
    scored.push({ name: e.name, score });
  }
  scored.sort((a, b) => a.score - b.score || compare(a.name, b.name));
  return scored.slice(0, max).map((s) => s.name);
}
