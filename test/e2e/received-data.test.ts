// Received data in the terminal: a delivery whose event and body hold escape sequences renders inert in
// listen, log and show; and `log | head`, `show | head` end quietly when the reader goes away.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { stopChild, waitUntil } from "../support/child.js";
import { BIN, childEnv, killAll, makeWorld, runCli, type World } from "../support/cli.js";
import { httpRequest } from "../integration/core/http-helpers.js";

const HOSTILE_EVENT = "meeting.started\u001b]0;pwned\u0007\u001b[2J\r\u001b[32m✔ valid 200";
const HOSTILE_BODY = JSON.stringify({ event: HOSTILE_EVENT, payload: { note: "x\u001b[2J" } });
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/; // anything but \n and \t

/** Run a command whose stdout reader is gone before it writes anything (what `| head` becomes). */
function runIntoClosedPipe(args: string[], world: World): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: world.cwd, env: childEnv(world.env), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("received data rendered in a terminal", () => {
  let world: World;
  let stdout = "";
  let stderr = "";
  let child: ReturnType<typeof spawn>;
  let exited: Promise<{ code: number | null }>;
  const waiters = new Set<() => void>();
  const dump = () => `\nstdout: ${stdout}\nstderr: ${stderr}`;

  before(async () => {
    world = makeWorld("zoomhook-inert-");
    child = spawn(process.execPath, [BIN, "listen", ...world.listenArgs], { cwd: world.cwd, env: childEnv(world.env), stdio: ["ignore", "pipe", "pipe"] });
    exited = new Promise((r) => child.on("close", (code) => r({ code })));
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      for (const w of waiters) w();
    });
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    await waitUntil(child, waiters, () => /Local\s+(http:\S+)/.exec(stdout)?.[1], "the banner", 15_000, dump);
  });
  after(() => {
    killAll();
    child.kill("SIGKILL");
    world.cleanup();
  });

  it("listen shows the request line with the escapes made visible, and nothing a terminal would act on", async () => {
    const url = /Local\s+(http:\S+)/.exec(stdout)![1]!;
    const res = await httpRequest(url, { headers: { "content-type": "application/json" }, body: HOSTILE_BODY });
    assert.equal(res.status, 401); // unsigned
    const line = await waitUntil(child, waiters, () => stdout.split("\n").find((l) => l.includes("pwned")), "the request line", 10_000, dump);
    assert.match(line, /meeting\.started\\x1b\]0;pwned\\x07\\x1b\[2J\\x0d\\x1b\[32m✔ valid 200/);
    assert.doesNotMatch(stdout, CONTROL);
  });

  it("log: escaped, inert", async () => {
    const r = await runCli(["log"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /meeting\.started\\x1b\]0;pwned/);
    assert.doesNotMatch(r.stdout, CONTROL);
  });

  it("show: the event, and a body that is not JSON, escaped and inert", async () => {
    const url = /Local\s+(http:\S+)/.exec(stdout)![1]!;
    await httpRequest(url, { body: "plain text \u001b[2J\u001b]0;title\u0007 body\r\nsecond line" });
    const r = await runCli(["show", "last"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /plain text \\x1b\[2J\\x1b\]0;title\\x07 body\\x0d\nsecond line/);
    assert.doesNotMatch(r.stdout, CONTROL);
    const first = await runCli(["show", (JSON.parse((await runCli(["log", "--json"], { cwd: world.cwd, env: world.env })).stdout) as Array<{ id: string }>)[1]!.id], { cwd: world.cwd, env: world.env });
    assert.match(first.stdout, /meeting\.started\\x1b/);
    assert.match(first.stdout, /"note": "x\\u001b\[2J"/);
    assert.doesNotMatch(first.stdout, CONTROL);
  });

  it("log | head and show | head: a reader that went away ends the command quietly, exit 0", async () => {
    for (const args of [["log"], ["show", "last"]]) {
      const r = await runIntoClosedPipe(args, world);
      assert.equal(r.stderr, "", `${args.join(" ")} wrote to stderr`);
      assert.equal(r.code, 0, args.join(" "));
    }
  });

  it("listen stops with 0 after all of it", async () => {
    const stopped = await stopChild(child, exited, "SIGINT", 10_000, dump);
    assert.equal(stopped.code, 0, dump());
  });
});
