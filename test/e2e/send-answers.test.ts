// What `send` and `crc` say about an endpoint's answer: the likely cause of a 401, an accepted probe, an HTML page.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { makeWorld, runCli, type World } from "../support/cli.js";

const SECRET = "answers-secret";

describe("send and crc explain the answer", () => {
  let world: World;
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  const run = (args: string[]) => runCli(args, { cwd: world.cwd, env: { ...world.env, NO_COLOR: "1", ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });

  before(async () => {
    world = makeWorld();
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (d: Buffer) => (raw += d));
      req.on("end", () => {
        bodies.push(raw);
        if (req.url === "/reject") res.writeHead(401, { "content-type": "application/json" }).end('{"error":"bad signature"}');
        else if (req.url === "/html") res.writeHead(500, { "content-type": "text/html" }).end(`<!DOCTYPE html>\n<html>\n<head><title>Error</title></head>\n<body>${"<p>stack frame</p>\n".repeat(200)}</body>\n</html>\n`);
        else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    world.cleanup();
  });

  it("a valid signature answered 401: the app probably verifies a re-serialised body", async () => {
    const r = await run(["send", "meeting.started", "--to", `${base}/reject`]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /the signature is valid for exactly these bytes: an app that rejects it most likely verifies a re-serialised body/);
  });

  it("a forged or unsigned delivery answered 2xx: anyone with the URL can forge events", async () => {
    const forged = await run(["send", "meeting.started", "--to", `${base}/ok`, "--bad-signature"]);
    assert.match(forged.stdout, /accepted a delivery with a wrong signature: anyone who learns its URL can forge Zoom events/);
    const unsigned = await run(["send", "meeting.started", "--to", `${base}/ok`, "--no-signature"]);
    assert.match(unsigned.stdout, /accepted a delivery with no signature/);
  });

  it("a stale delivery answered 2xx: no replay window; and its body is dated like its signature", async () => {
    const r = await run(["send", "meeting.started", "--to", `${base}/ok`, "--stale", "600", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout.trim().split("\n")[0]!) as { timestamp: number };
    const sent = JSON.parse(bodies[bodies.length - 1]!) as { event_ts: number };
    assert.ok(Math.abs(sent.event_ts - line.timestamp * 1000) < 5000, `event_ts ${sent.event_ts} vs signed ${line.timestamp}`);
    const human = await run(["send", "meeting.started", "--to", `${base}/ok`, "--stale", "600"]);
    assert.match(human.stdout, /accepted a delivery signed 600 s ago: it has no replay window/);
  });

  it("an HTML error page is shown as its first lines; --json keeps all of it", async () => {
    const r = await run(["send", "meeting.started", "--to", `${base}/html`]);
    assert.match(r.stdout, /<!DOCTYPE html>\n {2}<html> \(\d+ bytes in all; the whole answer is in --json\)/);
    assert.ok(r.stdout.split("\n").length < 12, r.stdout);
    const json = await run(["send", "meeting.started", "--to", `${base}/html`, "--json"]);
    assert.equal((JSON.parse(json.stdout.trim()) as { responseBody: string }).responseBody.split("stack frame").length, 201);
  });

  it("crc against an app that answers 401 names the likely causes", async () => {
    const r = await run(["crc", "--to", `${base}/reject`]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /its secret token differs from yours, or it checked the challenge's signature and found it wrong/);
  });
});
