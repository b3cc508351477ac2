// Routing is visible: the banner names the config file, its routes and where the CRC goes; each request
// line and each --json request line says which target answered.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { stopChild, waitUntil } from "../support/child.js";
import { BIN, childEnv, killAll, makeWorld, runCli, startListener, type World } from "../support/cli.js";

function app(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ app: name })));
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}` })));
}

describe("routing shown in the banner, on each request line and in --json", () => {
  let world: World;
  let meetings: Awaited<ReturnType<typeof app>>;
  let fallback: Awaited<ReturnType<typeof app>>;
  before(async () => {
    world = makeWorld("zoomhook-routing-");
    [meetings, fallback] = await Promise.all([app("meetings"), app("default")]);
    writeFileSync(join(world.cwd, "zoomhook.config.json"), JSON.stringify({ listen: { forwardTo: fallback.url }, routes: { "meeting.*": meetings.url } }));
  });
  after(() => {
    killAll();
    meetings.server.close();
    fallback.server.close();
    world.cleanup();
  });

  it("human: config path, routes and the CRC's target in the banner; the target on each line", async () => {
    const child = spawn(process.execPath, [BIN, "listen", ...world.listenArgs], { cwd: world.cwd, env: childEnv(world.env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const waiters = new Set<() => void>();
    const exited = new Promise<{ code: number | null }>((r) => child.on("close", (code) => r({ code })));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      for (const w of waiters) w();
    });
    child.stderr.resume();
    const dump = () => `\nstdout: ${stdout}`;
    await waitUntil(child, waiters, () => (stdout.includes("Local") ? true : undefined), "the banner", 15_000, dump);
    assert.match(stdout, new RegExp(`Config\\s+${join(world.cwd, "zoomhook.config.json").replace(/[.]/g, "\\.")}\\n`));
    assert.match(stdout, new RegExp(`Forwarding\\s+→ ${fallback.url}  \\(events no route matches\\)\\n`));
    assert.match(stdout, new RegExp(`Routes\\s+meeting\\.\\*  → ${meetings.url}\\n`));
    // A dev secret cannot answer a real CRC, so the challenge goes to the app.
    assert.match(stdout, new RegExp(`CRC\\s+→ ${fallback.url} \\(your app answers the challenge\\)\\n`));

    for (const event of ["meeting.started", "user.created"]) assert.equal((await runCli(["send", event], { cwd: world.cwd, env: world.env })).code, 0);
    const lines = await waitUntil(child, waiters, () => {
      const found = stdout.split("\n").filter((l) => /meeting\.started|user\.created/.test(l) && l.includes("valid"));
      return found.length === 2 ? found : undefined;
    }, "two request lines", 10_000, dump);
    assert.match(lines[0]!, new RegExp(`meeting\\.started .*→ ${meetings.url}  app 200 `));
    assert.match(lines[1]!, new RegExp(`user\\.created .*→ ${fallback.url}  app 200 `));
    assert.equal((await stopChild(child, exited, "SIGINT", 10_000, dump)).code, 0);
  });

  it("--json with --forward-crc and a secret: the ready line names routes and the CRC's target; request lines their target", async () => {
    const env = { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: "routing_secret" };
    const h = await startListener([...world.listenArgs, "--forward-crc"], { cwd: world.cwd, env });
    assert.deepEqual(h.ready.routes, [{ event: "meeting.*", url: meetings.url }]);
    assert.equal(h.ready.crcTo, fallback.url);
    assert.equal(h.ready.configFile, join(world.cwd, "zoomhook.config.json"));
    await runCli(["send", "meeting.ended"], { cwd: world.cwd, env });
    await runCli(["crc", "--to", h.ready.localUrl], { cwd: world.cwd, env });
    const sent = await h.waitForLine((l) => l.type === "request" && l.event === "meeting.ended");
    const crc = await h.waitForLine((l) => l.type === "request" && l.kind === "crc");
    assert.equal(sent.target, meetings.url);
    assert.equal(crc.target, fallback.url);
    await h.stop();
  });

  it("without forwarding, zoomhook is the target", async () => {
    const h = await startListener(world.listenArgs, { cwd: world.root, env: world.env });
    await runCli(["send", "meeting.started", "--to", h.ready.localUrl], { cwd: world.root, env: world.env });
    const line = await h.waitForLine((l) => l.type === "request");
    assert.equal(line.target, "zoomhook");
    assert.deepEqual(h.ready.routes, []);
    assert.equal(h.ready.crcTo, null);
    await h.stop();
  });
});
