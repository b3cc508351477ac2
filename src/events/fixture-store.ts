// Finds the shipped fixtures/events folder and reads each fixture at most once (parsed, cached, handed out as copies).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { configError, usageError } from "../shared/errors.js";
import { findEvent, suggestEvents } from "./catalog.js";
import { cloneJson, type JsonObject } from "./json.js";

let fixturesDir: string | undefined;
const cache = new Map<string, JsonObject>();

/**
 * The fixtures/events folder of the zoomhook package. Walks up from this module rather than assuming a
 * depth, because the same code runs from src/ (tests, tsx) and from dist/src/ (the published build).
 */
export function fixturesDirectory(): string {
  if (fixturesDir) return fixturesDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && readPackageName(pkg) === "zoomhook") {
      const candidate = join(dir, "fixtures", "events");
      if (!existsSync(candidate)) break;
      fixturesDir = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw configError("fixtures_missing", "The zoomhook event fixtures (fixtures/events) are missing from this installation.", {
    hint: "Reinstall zoomhook; the package should ship its fixtures/ folder.",
  });
}

function readPackageName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** The thrown error for a name outside the catalog, with the closest names as the hint. */
export function unknownEventError(name: string) {
  const suggestions = suggestEvents(name);
  const hint = suggestions.length
    ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}? Event names are exactly Zoom's, e.g. "meeting.started".`
    : `Event names are exactly Zoom's, e.g. "meeting.started"; list them with "zoomhook events".`;
  return usageError("unknown_event", `Unknown Zoom event "${name}".`, { hint, details: { name, suggestions } });
}

/** The cached parsed fixture. Shared: callers must not mutate it (buildEvent/loadFixture clone it). */
export function fixtureTemplate(name: string): JsonObject {
  const hit = cache.get(name);
  if (hit) return hit;
  const entry = findEvent(name);
  if (!entry) throw unknownEventError(name);
  const file = join(fixturesDirectory(), `${entry.name}.json`);
  let parsed: JsonObject;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
  } catch (cause) {
    throw configError("fixture_unreadable", `The fixture for "${entry.name}" could not be read (${file}).`, {
      hint: "Reinstall zoomhook, or regenerate fixtures with scripts/generate-catalog.mjs.",
      cause,
    });
  }
  cache.set(name, parsed);
  if (entry.name !== name) cache.set(entry.name, parsed);
  return parsed;
}

/** A deep copy of the sample body for an event, exactly as stored. Throws unknown_event for unknown names. */
export function loadFixture(name: string): Record<string, unknown> {
  return cloneJson(fixtureTemplate(name));
}
