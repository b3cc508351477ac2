// `zoomhook run` end to end: the exit codes, reporters on stdout and in files, --app start/ready/stop and crashes, --listen.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { spawn } from "node:child_process";
import { BIN, childEnv, killAll, makeWorld, runCli, startListener, type World } from "../support/cli.js";
import { closedPort } from "../integration/send/recording-target.js";
import { findAll, parseXml } from "../support/xml.js";

const SECRET = "run_e2e_secret";
const APP = fileURLToPath(new URL("../../../examples/webhook-app/server.mjs", import.meta.url));
const LIFECYCLE = fileURLToPath(new URL("../../../examples/scenarios/meeting-lifecycle.yaml", import.meta.url));

// Answers two deliveries, then crashes; `sleep` stays behind in its process group unless zoomhook stops the group.
const CRASH_APP = `import { createServer } from "node:http";
let n = 0;
createServer((req, res) => { req.resume(); req.on("end", () => {
  res.writeHead(200, { "content-type": "application/json" }); res.end('{"ok":true}');
  if (++n === 2) { console.error("crash: out of cheese"); process.exit(3); }
}); }).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("crash app up"));
`;

let world: World;
before(() => {
  world = makeWorld("zoomhook-run-");
  writeFileSync(join(world.cwd, "crash.mjs"), CRASH_APP);
});
after(() => {
  killAll();
  world.cleanup();
});
const run = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(["run", ...args], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...env }, timeoutMs: 30_000 });
const file = (name: string, text: string) => {
  writeFileSync(join(world.cwd, name), text);
  return name;
};


function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
const appPid = (stderr: string) => Number(/the app is ready \(pid (\d+)\)/.exec(stderr)?.[1]);

describe("zoomhook run with --app", () => {
  it("starts the app, waits for its port, plays the lifecycle, stops it: exit 0; junit to a file, github on stdout, pretty on stderr", async () => {
    const port = String(await closedPort());
    const r = await run([LIFECYCLE, "--app", `node ${JSON.stringify(APP)}`, "--reporter", "pretty", "--reporter", "junit=results.xml", "--reporter", "github"], { PORT: port, APP_PORT: port });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "::notice title=zoomhook run::9 passed, 0 failed, 0 skipped in 1 scenario\n");
    assert.match(r.stderr, /✔ 8\. stored  200/);
    assert.match(r.stderr, /✔ 9\. conformance  11 passed · 17 requests\n {6}✔ crc /);
    const root = parseXml(readFileSync(join(world.cwd, "results.xml"), "utf8"));
    assert.equal(findAll(root, "testcase").length, 9);
    assert.equal(findAll(root, "failure").length, 0);
    assert.ok(groupGone(appPid(r.stderr)), "the app is stopped");
  });

  it("an app that never gets ready: exit 4 with its output shown, and it is stopped", async () => {
    const port = await closedPort();
    const f = file("ready.yaml", `target: http://127.0.0.1:${port}/webhook\nsteps:\n  - send: meeting.created\n`);
    const r = await run([f, "--app", "echo warming up; echo 'config missing' >&2; sleep 60", "--app-timeout", "500"]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /── app output ──\nwarming up\nconfig missing\n/);
    assert.match(r.stderr, /✖ The app was not ready within 500 ms: nothing answered at 127\.0\.0\.1:\d+/);
    const pid = Number(/pid (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    assert.ok(Number.isNaN(pid), "it never was ready, so no ready line");
  });

  it("an app that exits before it is ready: exit 4 at once, with its output", async () => {
    const f = file("exits.yaml", `target: http://127.0.0.1:9/webhook\nsteps:\n  - send: meeting.created\n`);
    const r = await run([f, "--app", "echo 'Error: Cannot find module app.js' >&2; exit 1", "--app-timeout", "20000"]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /Error: Cannot find module app\.js/);
    assert.match(r.stderr, /exited before it was ready: the app \(.*\) exited with code 1/);
  });

  it("an app that crashes mid-run: its output shown, the remaining steps failed, nothing left running", async () => {
    const port = await closedPort();
    const f = file("crash.yaml", `target: http://127.0.0.1:${port}/webhook\nsteps:\n  - send: meeting.created\n  - send: meeting.started\n  - wait: 2000\n  - name: after\n    send: meeting.ended\n`);
    const r = await run([f, "--app", "sleep 300 & node crash.mjs", "--reporter", "pretty", "--reporter", "json"], { PORT: String(port) });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { scenarios: Array<{ steps: Array<{ status: string; failures: Array<{ message: string }> }> }>; appOutput: string };
    const steps = report.scenarios[0]!.steps;
    assert.deepEqual(steps.map((s) => s.status), ["passed", "passed", "failed", "failed"]);
    assert.match(steps[3]!.failures[0]!.message, /the app \(sleep 300 & node crash\.mjs\) exited with code 3/);
    assert.match(report.appOutput, /crash app up\n[\s\S]*crash: out of cheese/);
    assert.match(r.stderr, /── app output ──\ncrash app up\ncrash: out of cheese/);
    const pid = appPid(r.stderr);
    assert.ok(pid > 0);
    assert.ok(groupGone(pid), "the app's process group (the background sleep too) is gone");
  });
});

describe("zoomhook run interrupted", () => {
  it("Ctrl-C stops the app and everything it started, then exits 130", async () => {
    const port = await closedPort();
    const f = file("long.yaml", `target: http://127.0.0.1:${port}/webhook\nsteps:\n  - send: meeting.created\n  - wait: 60000\n`);
    const child = spawn(process.execPath, [BIN, "run", f, "--app", "sleep 300 & node crash.mjs"], {
      cwd: world.cwd,
      env: childEnv({ ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, PORT: String(port) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Interrupt once the first step has been answered: the run is then inside the long wait.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first step within 20 s\n${stdout}\n${stderr}`)), 20_000);
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout.on("data", () => {
        if (/✔ 1\. send meeting\.created/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const pid = appPid(stdout);
    child.kill("SIGINT");
    assert.equal(await exited, 130);
    assert.ok(pid > 0 && groupGone(pid), "the app's process group is gone");
  });
});

describe("zoomhook run exit codes and reporters", () => {
  it("exit 1 when an expectation fails; the json report says which", async () => {
    const port = await closedPort();
    const f = file("fail.yaml", `steps:\n  - name: health\n    http: http://127.0.0.1:${port}/health\n`);
    const r = await run([f, "--reporter", "json", "--timeout", "2000"]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { status: string; scenarios: Array<{ steps: Array<{ failures: Array<{ check: string }> }> }> };
    assert.equal(report.status, "failed");
    assert.equal(report.scenarios[0]!.steps[0]!.failures[0]!.check, "answer");
  });

  it("exit 2 for an invalid scenario, naming the missing step; github annotations point at its line", async () => {
    const f = file("invalid.yaml", `steps:\n  - name: created\n    send: meeting.created\n  - http: "http://x/\${steps.craeted.request.body.payload.object.id}"\n`);
    const r = await run([f, "--reporter", "github", "--to", "http://127.0.0.1:9/"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '::error file=invalid.yaml,line=4,title=invalid scenario::step 2: http.url: ${steps.craeted.request.body.payload.object.id}: there is no step named "craeted"\n');
    assert.match(r.stderr, /invalid\.yaml:4: step 2: http\.url: .*no step named "craeted"/);
  });

  it("exit 2 for usage: no files, an unknown reporter, --output without a file reporter, --to with --listen", async () => {
    const f = file("ok.yaml", "steps:\n  - wait: 1\n");
    for (const args of [[], [f, "--reporter", "tap"], [f, "--output", "x.xml"], [f, "--listen", "--to", "http://127.0.0.1:9/"]]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    }
  });

  it("exit 3 when there is no target: no --to, no target in the file, no listener", async () => {
    const f = file("notarget.yaml", "steps:\n  - send: meeting.created\n");
    const r = await run([f]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No running zoomhook listener found/);
  });

  it("with no target, the running listener is the target; without a secret of one's own, it signs with the listener's dev secret", async () => {
    const listener = await startListener(world.listenArgs, { env: world.env, cwd: world.cwd });
    try {
      const f = file("to-listener.yaml", "steps:\n  - send: meeting.created\n  - send: { event: meeting.ended, bad-signature: true }\n");
      const r = await run([f, "--reporter", "json"], { ZOOM_WEBHOOK_SECRET_TOKEN: undefined });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout) as { scenarios: Array<{ target: string }> };
      assert.equal(report.scenarios[0]!.target, listener.ready.localUrl);
      const verdicts = await Promise.all([
        listener.waitForLine((l) => l.type === "request" && l.verification === "valid"),
        listener.waitForLine((l) => l.type === "request" && l.verification === "invalid"),
      ]);
      assert.equal(verdicts.length, 2);
    } finally {
      await listener.stop();
    }
  });

  it("exit 4 when nothing answers any delivery", async () => {
    const port = await closedPort();
    const f = file("down.yaml", `target: http://127.0.0.1:${port}/webhook\nsteps:\n  - send: meeting.created\n`);
    const r = await run([f]);
    assert.equal(r.code, 4);
    assert.match(r.stdout, /no answer: connection refused/);
  });

  it("--bail and --grep through the CLI; --output writes the junit file", async () => {
    const f = file("bail.yaml", "steps:\n  - name: one\n    wait: 1\n  - name: two\n    http: http://127.0.0.1:9/\n  - name: three\n    wait: 1\n");
    const bail = await run([f, "--bail", "--reporter", "junit", "--output", "bail.xml", "--timeout", "1000"]);
    assert.equal(bail.code, 1);
    const root = parseXml(readFileSync(join(world.cwd, "bail.xml"), "utf8"));
    assert.deepEqual([root.attrs.failures, root.attrs.skipped], ["1", "1"]);
    const grep = await run([f, "--grep", "three", "--reporter", "json"]);
    assert.equal(grep.code, 0);
    const steps = (JSON.parse(grep.stdout) as { scenarios: Array<{ steps: Array<{ status: string }> }> }).scenarios[0]!.steps;
    assert.deepEqual(steps.map((s) => s.status), ["skipped", "skipped", "passed"]);
  });

  it("--print-schema prints the JSON Schema", async () => {
    const r = await run(["--print-schema"]);
    assert.equal(r.code, 0);
    const schema = JSON.parse(r.stdout) as { $defs: { step: { oneOf: unknown[] } } };
    assert.equal(schema.$defs.step.oneOf.length, 6);
  });
});

describe("zoomhook run --listen", () => {
  it("puts an in-process listener in front of the app: deliveries are captured, forwarded, and the app answers the CRC", async () => {
    const port = String(await closedPort());
    const store = join(world.root, "listen-store");
    const r = await run(
      [LIFECYCLE, "--forward-to", `http://127.0.0.1:${port}/webhook`, "--app", `node ${JSON.stringify(APP)}`],
      { PORT: port, APP_PORT: port, ZOOMHOOK_STORE: store },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /listening at http:\/\/127\.0\.0\.1:\d+\/webhook → forwarding to http:\/\/127\.0\.0\.1:\d+\/webhook/);
    assert.ok(existsSync(store));
    const log = await runCli(["log", "--json", "--store", store, "-n", "100"], { cwd: world.cwd, env: world.env });
    const lines = JSON.parse(log.stdout) as Array<{ event?: string; forward?: { status?: number } }>;
    assert.equal(lines.length, 7 + 17, "the crc, the six deliveries and the check step's 17 requests (the http step goes to the app directly)");
    assert.ok(lines.some((l) => l.event === "endpoint.url_validation" && l.forward?.status === 200), "the CRC reached the app");
  });
});
