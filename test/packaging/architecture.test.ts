// House rules a scan can check: each third-party package stays in its room; the core never prints or exits.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// dist/test/packaging → the repository root
const root = join(here, "..", "..", "..");
const src = join(root, "src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "static" ? [] : tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

const files = tsFiles(src).map((p) => ({ path: relative(src, p).split(sep).join("/"), text: readFileSync(p, "utf8") }));

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
}

const rooms: Array<[pkg: string, allowed: RegExp]> = [
  ["commander", /^cli\//],
  ["chalk", /^cli\/render\//],
  ["@ngrok/ngrok", /^tunnel\//],
  ["undici", /^http\//],
  ["pg", /^store\/postgres\//],
  // Only `run` reads YAML, and only when it loads a scenario file.
  ["yaml", /^scenario\/load\.ts$/],
];

test("the source tree was found", () => {
  assert.ok(files.length > 50, `expected the TypeScript sources under ${src}`);
});

for (const [pkg, allowed] of rooms) {
  test(`${pkg} is imported only where it belongs`, () => {
    const offenders = files.filter((f) => !allowed.test(f.path) && importsOf(f.text).some((i) => i === pkg || i.startsWith(`${pkg}/`)));
    assert.deepEqual(offenders.map((f) => f.path), []);
  });
}

test("nothing outside src/cli imports from src/cli", () => {
  const offenders = files.filter((f) => !f.path.startsWith("cli/") && importsOf(f.text).some((i) => /(^|\/)cli\//.test(i)));
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test("the core never prints and never exits", () => {
  const offenders = files.filter((f) => !f.path.startsWith("cli/") && /\bconsole\.\w+\(|process\.exit\(/.test(f.text));
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test("each provider's protocol stays in its folder: no Zoom or CircleCI header name outside src/providers", () => {
  const offenders = files.filter((f) => !f.path.startsWith("providers/") && /["'](x-zm-|circleci-)/i.test(f.text));
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test("nothing outbound (sender, forwarder, http) imports the receiver", () => {
  const outbound = files.filter((f) => /^(sender|forwarder|http)\//.test(f.path));
  assert.ok(outbound.length > 5);
  const offenders = outbound.filter((f) => importsOf(f.text).some((i) => /(^|\/)receiver\//.test(i)));
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test("providers depend on nothing above them (no session, receiver, sender, cli, store)", () => {
  const offenders = files.filter(
    (f) => f.path.startsWith("providers/") && importsOf(f.text).some((i) => /(^|\/)(session|receiver|sender|cli|store|inspector|tunnel)\//.test(i)),
  );
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test("adding a provider is one folder and one line: the registry lists every folder under src/providers", () => {
  const folders = readdirSync(join(src, "providers"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const registry = readFileSync(join(src, "providers", "registry.ts"), "utf8");
  for (const name of folders) assert.match(registry, new RegExp(`from "\\./${name}/index\\.js"`), `${name} is registered`);
});
