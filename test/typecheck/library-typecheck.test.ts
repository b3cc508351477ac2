// Type-checks the library API as a consumer sees it: `import … from "zoomhook"` resolved through package.json exports.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, "package.json")) && JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === "zoomhook")) dir = dirname(dir);
  return dir;
}
const root = repoRoot();
const outDir = join(root, "test", "typecheck", ".generated");

function typecheck(base: string, source: string): { status: number | null; output: string } {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${base}.mts`), source);
  const config = {
    compilerOptions: { target: "ES2022", lib: ["ES2023", "esnext.disposable"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] },
    files: [`${base}.mts`],
  };
  const configFile = join(outDir, `${base}.tsconfig.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const run = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", configFile, "--pretty", "false"], { encoding: "utf8", cwd: root });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const USAGE = `import { startHarness, runScenarioFiles, type Harness, type RunResult, type Capture } from "zoomhook";

export async function example(): Promise<number> {
  await using hook = await startHarness({ provider: "zoom", secret: "s", forwardTo: "http://127.0.0.1:3000/webhook" });
  const delivery = await hook.send("meeting.started", { set: { "payload.object.topic": "Standup" }, signature: "valid" });
  const status: number | undefined = delivery.status;
  const body = delivery.json<{ ok: boolean }>();
  const capture: Capture = await hook.waitForCapture((c) => c.event === "meeting.started", { timeoutMs: 2000 });
  const forwarded = await hook.waitForForward((f) => f.status === 200);
  const result: RunResult = await hook.run(["scenarios/lifecycle.yaml"], { grep: "started", bail: true });
  const failed = result.scenarios.flatMap((s) => s.steps).filter((s) => s.status === "failed").map((s) => s.failures[0]?.message);
  const other: Harness = await startHarness({ provider: "circleci", secret: "t" });
  await other.close();
  const direct = await runScenarioFiles("a.yaml", { to: "http://127.0.0.1:3000/webhook", secret: "s" });
  return (status ?? 0) + (body.ok ? 1 : 0) + capture.body.length + (forwarded.forward?.durationMs ?? 0) + failed.length + direct.summary.passed;
}
`;

test("the library API type-checks from a consumer's module, await using included", { timeout: 120_000 }, () => {
  const r = typecheck("library.check", USAGE);
  assert.equal(r.status, 0, r.output);
});

test("and the check fails on misuse (an unknown provider, a wrong send argument, a missing await)", { timeout: 120_000 }, () => {
  const r = typecheck("library-broken.check", `import { startHarness } from "zoomhook";
export async function bad() {
  const hook = await startHarness({ provider: "github" });
  await hook.send(42);
  const n: number = hook.run("x.yaml");
}
`);
  assert.notEqual(r.status, 0);
  for (const line of [3, 4, 5]) assert.match(r.output, new RegExp(`library-broken\\.check\\.mts\\(${line},`), r.output);
});
