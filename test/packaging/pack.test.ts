// What `npm pack` would publish: the built CLI, its data files, and nothing from tests, benches or captures.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === "zoomhook") return dir;
    } catch {
      // keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("zoomhook's package.json not found");
    dir = parent;
  }
}

test("npm pack publishes the CLI, the library, fixtures and inspector files only", () => {
  const root = repoRoot();
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const files = new Set((JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
  for (const required of [
    "package.json",
    "README.md",
    "bin/zoomhook.js",
    "dist/src/cli/main.js",
    "dist/src/index.js",
    "dist/src/index.d.ts",
    "fixtures/events/meeting.started.json",
    "fixtures/events/endpoint.url_validation.json",
    "src/inspector/static/index.html",
    "schema/scenario.schema.json",
  ]) {
    assert.ok(files.has(required), `${required} should be published`);
  }
  const fixtures = [...files].filter((f) => f.startsWith("fixtures/events/") && f.endsWith(".json"));
  assert.ok(fixtures.length >= 290, `all fixtures published (got ${fixtures.length})`);
  for (const f of files) {
    assert.ok(!/^(test|bench|dist\/test|dist\/bench|scripts|tools|examples|\.ci|\.zoomhook)\//.test(f), `${f} should not be published`);
    assert.ok(!(f.startsWith("src/") && f.endsWith(".ts")), `TypeScript source ${f} should not be published`);
    assert.ok(!f.includes("node_modules/@zoom/rivet"), "Rivet files must never be published");
  }
});

test("the package declares its runtime contract", () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as {
    engines: { node: string };
    bin: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  assert.equal(pkg.engines.node, ">=20.18.1");
  assert.equal(pkg.bin.zoomhook, "bin/zoomhook.js");
  assert.equal(pkg.dependencies["@ngrok/ngrok"], "1.7.0", "the ngrok wire protocol is private: pin it exactly");
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ["@ngrok/ngrok", "chalk", "commander", "dotenv", "pg", "undici", "yaml"]);
  assert.ok(pkg.devDependencies["@zoom/rivet"], "Rivet is a dev dependency only");
});

test("the version compiled into the CLI is package.json's", async () => {
  const { VERSION } = await import("../../src/cli/version.js");
  const pkg = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { version: string };
  assert.equal(VERSION, pkg.version, "run `node tools/write-version.mjs` (npm version does it)");
});
