// `listen` started with --forward-to, zoomhook.config.json routes, --tolerance, --max-body, --forward-timeout and --max-captures: each takes effect.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { zoomHeaders } from "../../src/providers/zoom/headers.js";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";

const SECRET = "e2e_options_secret";

interface App {
  server: Server;
  url: string;
  got: string[];
}

/** An app that records each event and answers 202 naming itself; it never answers recording.stopped. */
async function startApp(name: string): Promise<App> {
  const got: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const event = (JSON.parse(body) as { event: string }).event;
      got.push(event);
      if (event === "recording.stopped") return; // hangs: only --forward-timeout ends it
      res.writeHead(202, { "content-type": "application/json", "x-app": name }).end(JSON.stringify({ app: name }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`, got };
}

async function post(h: ListenerHandle, event: string, options: { ageSeconds?: number; pad?: number } = {}) {
  const body = JSON.stringify({ event, payload: { pad: "x".repeat(options.pad ?? 0) } });
  const headers = zoomHeaders({ body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0) });
  const res = await fetch(h.ready.localUrl, { method: "POST", body, headers });
  return { status: res.status, app: res.headers.get("x-app"), text: await res.text() };
}

describe("listen flags, end to end", () => {
  let world: World;
  let app: App;
  let h: ListenerHandle;
  const lastRequest = () => h.lines.filter((l) => l.type === "request").at(-1)!;
  before(async () => {
    world = makeWorld();
    app = await startApp("main");
    h = await startListener(
      [...world.listenArgs, "--no-inspect", "--forward-to", app.url, "--tolerance", "5", "--max-body", "2000", "--forward-timeout", "300", "--max-captures", "3"],
      { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } },
    );
  });
  after(async () => {
    await h?.stop();
    killAll();
    await new Promise((r) => app.server.close(r));
    world.cleanup();
  });

  it("--forward-to: the app gets the delivery and its answer comes back", async () => {
    const res = await post(h, "meeting.started");
    assert.deepEqual([res.status, res.app], [202, "main"]);
    assert.deepEqual(app.got, ["meeting.started"]);
  });

  it("--tolerance 5: a signature 60 s old is stale (the default 300 s would call it valid)", async () => {
    await post(h, "meeting.ended", { ageSeconds: 60 });
    await h.waitForLine((l) => l.type === "request" && l.event === "meeting.ended");
    assert.equal(lastRequest().verification, "stale");
  });

  it("--max-body 2000: a 3000-byte body is refused with 413 and not forwarded", async () => {
    const before = app.got.length;
    const res = await post(h, "meeting.updated", { pad: 3000 });
    assert.equal(res.status, 413);
    assert.equal(app.got.length, before);
  });

  it("--forward-timeout 300: an app that never answers gets a 504", { timeout: 8000 }, async () => {
    // Under the default 10 s this would outlast the test's own timeout.
    const res = await post(h, "recording.stopped");
    assert.equal(res.status, 504);
    assert.match(JSON.parse(res.text).message, /300 ms/);
  });

  it("--max-captures 3: log shows the newest three", async () => {
    await post(h, "user.created");
    await h.waitForLine((l) => l.type === "request" && l.event === "user.created");
    const r = await runCli(["log", "--json", "--store", world.store], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    const events = (JSON.parse(r.stdout) as Array<{ event?: string }>).map((s) => s.event);
    assert.equal(events.length, 3);
    assert.deepEqual(events.slice(0, 2), ["user.created", "recording.stopped"]);
    // Third: the 413'd meeting.updated, or, once retention has run (it evicts junk such as that unread
    // body first), the older meeting.ended. Retention runs after the answer, so either may be seen here.
    assert.ok(events[2] === "meeting.updated" || events[2] === "meeting.ended", String(events[2]));
  });
});

describe("zoomhook.config.json routes, end to end", () => {
  let world: World;
  const apps: App[] = [];
  let h: ListenerHandle;
  before(async () => {
    world = makeWorld();
    apps.push(await startApp("meetings"), await startApp("recordings"));
    writeFileSync(join(world.cwd, "zoomhook.config.json"), JSON.stringify({ routes: { "meeting.*": apps[0]!.url, "recording.completed": apps[1]!.url } }));
    h = await startListener([...world.listenArgs, "--no-inspect"], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
  });
  after(async () => {
    await h?.stop();
    killAll();
    for (const a of apps) await new Promise((r) => a.server.close(r));
    world.cleanup();
  });

  it("each event goes to the app its route names; an unrouted event is answered by zoomhook", async () => {
    assert.deepEqual([(await post(h, "meeting.started")).app, (await post(h, "recording.completed")).app], ["meetings", "recordings"]);
    const unrouted = await post(h, "user.created");
    assert.deepEqual([unrouted.status, unrouted.app, JSON.parse(unrouted.text)], [200, null, { status: "received" }]);
    assert.deepEqual([apps[0]!.got, apps[1]!.got], [["meeting.started"], ["recording.completed"]]);
  });
});
