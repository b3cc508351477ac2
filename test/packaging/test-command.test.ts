// The README's test command works on Node 20, 22 and 24, and `npm test` does not compile twice after `npm install`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

test("npm test never hands `node --test` a directory (Node 21 and later refuse one)", () => {
  // Node 22 and 24 answer `node --test dist/test/` with "Cannot find module …/dist/test": 1 test, 1 fail.
  assert.doesNotMatch(scripts.test!, /--test\b[^&|;]*\sdist\/test\/?(\s|$)/);
});

test("the test runner finds test files at every depth and runs them as files", () => {
  const tree = mkdtempSync(join(tmpdir(), "zoomhook-runner-"));
  try {
    mkdirSync(join(tree, "tools"));
    writeFileSync(join(tree, "tools", "run-tests.mjs"), readFileSync(join(root, "tools", "run-tests.mjs")));
    const ok = (name: string) => `import { test } from "node:test"; test(${JSON.stringify(name)}, () => {});\n`;
    for (const [path, text] of [
      ["dist/test/e2e/a.test.js", ok("shallow")],
      ["dist/test/unit/core/b.test.js", ok("deep")],
      ["dist/test/support/helper.js", "throw new Error('not a test file');\n"],
    ] as const) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    writeFileSync(join(tree, "package.json"), JSON.stringify({ type: "module" }));
    // Outside this runner's own protocol: NODE_TEST_CONTEXT would make the child report to it instead of stdout.
    const { NODE_TEST_CONTEXT: _inner, ...env } = process.env;
    const run = spawnSync(process.execPath, ["tools/run-tests.mjs", "--test-reporter=tap"], { cwd: tree, env, encoding: "utf8" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /ok \d+ - shallow/);
    assert.match(run.stdout, /ok \d+ - deep/);
    assert.match(run.stdout, /# pass 2\n/);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test("the build is skipped when nothing changed (npm install builds; npm test's build then has nothing to do)", () => {
  // Build mode compares inputs with the last build and stops at "up to date"; -p would type-check everything again.
  assert.match(scripts.build!, /^tsc -b\b/);
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const dry = spawnSync(process.execPath, [tsc, ...scripts.build!.split(/\s+/).slice(1), "--dry", "--verbose"], { cwd: root, encoding: "utf8" });
  assert.match(dry.stdout, /is up to date/, dry.stdout + dry.stderr);
});
