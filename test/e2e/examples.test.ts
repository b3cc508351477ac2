// The examples work as documented: the GitHub Actions recipe's command, the node:test example and the Vitest example.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { BIN, childEnv, makeWorld, type World } from "../support/cli.js";
import { closedPort } from "../integration/send/recording-target.js";
import { findAll, parseXml } from "../support/xml.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EXAMPLES = join(ROOT, "examples");

let world: World;
before(() => {
  world = makeWorld("zoomhook-examples-");
});
after(() => world.cleanup());

function sh(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} did not finish within ${options.timeoutMs} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("examples", () => {
  it("the GitHub Actions workflow's zoomhook line passes against the example app", { timeout: 90_000 }, async () => {
    const workflow = parse(readFileSync(join(EXAMPLES, "github-actions", "webhooks.yml"), "utf8")) as {
      jobs: { scenarios: { env: Record<string, string>; steps: Array<{ run?: string }> } };
    };
    const job = workflow.jobs.scenarios;
    const line = job.steps.map((s) => s.run).find((r) => r?.includes("zoomhook run"));
    assert.ok(line, "the workflow has a zoomhook run step");
    const port = String(await closedPort());
    const output = join(world.root, "results.xml");
    const command = line.replace("npx zoomhook", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`).replace("--output results.xml", `--output ${JSON.stringify(output)}`);
    const r = await sh(command, { cwd: EXAMPLES, env: childEnv({ ...world.env, ...job.env, PORT: port, APP_PORT: port }), timeoutMs: 80_000 });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^::notice title=zoomhook run::15 passed, 0 failed, 0 skipped in 2 scenarios$/m);
    const suites = findAll(parseXml(readFileSync(output, "utf8")), "testsuite");
    assert.deepEqual(suites.map((s) => s.attrs.name), ["circleci pipeline", "meeting lifecycle"]);
  });

  it("the node:test example passes", { timeout: 90_000 }, async () => {
    const r = await sh(`${JSON.stringify(process.execPath)} --test --test-reporter=tap examples/tests/node-test/webhooks.test.mjs`, { cwd: ROOT, env: childEnv({ ...world.env, NODE_TEST_CONTEXT: undefined }), timeoutMs: 80_000 });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    // The nested runner reports on its own stdout only when it is not told it runs under a parent runner.
    assert.match(r.stdout, /# pass 3\n# fail 0/);
  });

  it("the Vitest example passes", { timeout: 120_000 }, async () => {
    const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
    const r = await sh(`${JSON.stringify(process.execPath)} ${JSON.stringify(vitest)} run examples/tests/vitest/ --reporter=verbose`, { cwd: ROOT, env: childEnv({ ...world.env, CI: "1" }), timeoutMs: 110_000 });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /Tests\s+3 passed \(3\)/);
  });

  it("the Jest example passes, with Jest's ESM support as its header says", { timeout: 120_000 }, async () => {
    const jest = join(ROOT, "node_modules", "jest", "bin", "jest.js");
    const r = await sh(`${JSON.stringify(process.execPath)} ${JSON.stringify(jest)} examples/tests/jest/`, {
      cwd: ROOT,
      env: childEnv({ ...world.env, CI: "1", NODE_OPTIONS: "--experimental-vm-modules" }),
      timeoutMs: 110_000,
    });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    // Jest reports on stderr.
    assert.match(r.stderr, /Tests:\s+3 passed, 3 total/);
  });
});
