// Test helpers for the events module: the repository root and its fixture/data files.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The zoomhook package root, found by walking up (tests run from dist/test/…). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "zoomhook") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("zoomhook package root not found");
    dir = parent;
  }
}

export function readJson<T = Record<string, unknown>>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(repoRoot(), ...parts), "utf8")) as T;
}

/** Value at a dotted path ("payload.object.participant.id"); undefined when absent. */
export function at(body: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), body);
}
