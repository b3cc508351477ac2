// The README's Quick start, run literally (its own lines, `npx zoomhook` → the built bin) with no secret and
// no ngrok account: listen, then send, crc, log and replay last all succeed, and the dev secret is never printed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { stopChild, waitUntil } from "../support/child.js";
import { BIN, childEnv, killAll, makeWorld, type World } from "../support/cli.js";

const README = fileURLToPath(new URL("../../../README.md", import.meta.url));

/** The shell lines of the Quick start's code blocks that run zoomhook, in order. */
function quickStartLines(): string[] {
  const text = readFileSync(README, "utf8");
  const section = text.slice(text.indexOf("## Quick start"), text.indexOf("With an ngrok account"));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split("\n")).filter((l) => l.trim().startsWith("npx zoomhook"));
}

const shell = (line: string) => line.replace(/npx zoomhook/g, 'node "$ZOOMHOOK_BIN"');

function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", shell(line)], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`\`${line}\` did not finish\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the README's Quick start, followed literally with no secret and no ngrok account", () => {
  let world: World;
  const lines = quickStartLines();
  const printed: string[] = [];
  let env: NodeJS.ProcessEnv;

  before(() => {
    world = makeWorld("zoomhook-quickstart-");
    // Ports from the project's config file so the test never takes fixed ports; the command lines stay the README's.
    writeFileSync(join(world.cwd, "zoomhook.config.json"), JSON.stringify({ listen: { port: 0, inspectPort: 0 } }));
    env = { ...childEnv(world.env), ZOOMHOOK_BIN: BIN };
  });
  after(() => {
    killAll();
    world.cleanup();
  });

  it("the Quick start has the five commands, listen first and with --no-tunnel", () => {
    assert.deepEqual(
      lines.map((l) => l.split("#")[0]!.trim().split(/\s+/).slice(0, 3).join(" ")),
      ["npx zoomhook listen", "npx zoomhook send", "npx zoomhook crc", "npx zoomhook log", "npx zoomhook replay"],
    );
    assert.match(lines[0]!, /--no-tunnel/);
  });

  it("listen starts; send, crc, log and replay last succeed against it; Ctrl-C stops it with 0", async () => {
    const child = spawn("bash", ["-c", `exec ${shell(lines[0]!)}`], { cwd: world.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const waiters = new Set<() => void>();
    const exited = new Promise<{ code: number | null }>((r) => child.on("close", (code) => r({ code })));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      for (const w of waiters) w();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const dump = () => `\nstdout: ${stdout}\nstderr: ${stderr}`;
    await waitUntil(child, waiters, () => (/Local\s+http:\/\/127\.0\.0\.1:\d+\/webhook/.test(stdout) ? true : undefined), "the banner", 15_000, dump);
    assert.match(stdout, /Signatures\s+verified locally with a dev secret for this session/);
    assert.match(stderr, /using a dev secret made up for this session/);

    for (const line of lines.slice(1)) {
      const r = await runLine(line, world.cwd, env);
      printed.push(r.stdout, r.stderr);
      assert.equal(r.code, 0, `\`${line}\` exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    }
    const [send, crc, log, replay] = printed.filter((_, i) => i % 2 === 0);
    assert.match(send!, /← 200 OK/);
    assert.match(crc!, /PASS — Zoom would accept this endpoint/);
    assert.match(log!, /meeting\.started/);
    assert.match(replay!, /← 200 OK/);

    // The dev secret lives only in the per-user registry entry (0600 in a 0700 directory), never in any output.
    const dir = join(world.stateDir, "listeners");
    const [file] = readdirSync(dir);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, file!)).mode & 0o777, 0o600);
    const devSecret = (JSON.parse(readFileSync(join(dir, file!), "utf8")) as { devSecret: string }).devSecret;
    assert.match(devSecret, /^[A-Za-z0-9_-]{22}$/);
    printed.push(stdout, stderr);

    const stopped = await stopChild(child, exited, "SIGINT", 10_000, dump);
    assert.equal(stopped.code, 0, dump());
    for (const text of [...printed, stdout, stderr]) assert.equal(text.includes(devSecret), false, "the dev secret was printed");
  });
});
