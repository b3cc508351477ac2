#!/usr/bin/env node
// The test command (`npm test`): every dist/test/**/*.test.js, handed to Node's test runner as files.
// From Node 21 on, `node --test <dir>` no longer runs a directory, and Node 20 takes no globs: files work on both.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const dir = join(root, "dist", "test");
let files;
try {
  files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".test.js"))
    .map((f) => relative(process.cwd(), join(dir, f)))
    .sort();
} catch {
  files = [];
}
if (files.length === 0) {
  console.error(`No test files under ${dir}: run \`npm run build\` first.`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...process.argv.slice(2), ...files], { stdio: "inherit" });
process.exit(run.status ?? 1);
