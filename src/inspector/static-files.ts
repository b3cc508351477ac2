// Finds and loads the inspector's static files; tsc does not copy them, so they stay in src/inspector/static.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface StaticFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** Walks up from this module to the package root (the folder with package.json): works from src/ and dist/src/. */
export function findStaticDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "src", "inspector", "static");
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root above ${from}`);
    dir = parent;
  }
}

/** Every file under `dir`, keyed by its URL path relative to the folder ("app.js", "js/list.js"). */
export async function loadStaticFiles(dir: string = findStaticDir()): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (TYPES[extname(entry.name)]) {
        files.set(rel, { body: await readFile(join(dir, rel)), type: TYPES[extname(entry.name)] });
      }
    }
  };
  await walk("");
  // The event-pattern matcher the server uses (compiled, dependency-free), so the live list filters SSE rows
  // exactly as /api/captures filters pages.
  files.set("js/pattern.js", { body: await readFile(fileURLToPath(new URL("../shared/pattern.js", import.meta.url))), type: TYPES[".js"]! });
  return files;
}

/** index.html with the session token in a meta tag, so the page's script can set the mutation header. */
export function renderIndex(template: Buffer, token: string): Buffer {
  // The token is base64url, so it needs no HTML escaping.
  return Buffer.from(template.toString("utf8").replace("__ZOOMHOOK_TOKEN__", token), "utf8");
}
