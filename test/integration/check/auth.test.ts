// An endpoint behind Zoom's authentication add-on: check sends the header with every delivery (the CRC too), not with stray requests.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { runCheck } from "../../../src/check/run.js";
import { createRequestHandler } from "../../../src/receiver/server.js";
import { probe, SECRET } from "./helpers.js";

const AUTHORIZATION = `Basic ${Buffer.from("zoom:hunter2").toString("base64")}`;
let server: Server;
let url: string;
const seen: Array<{ method: string; authorized: boolean }> = [];

before(async () => {
  // zoomhook's own receiver behind a Basic-auth gate: 401 without the header, as an app using the add-on answers.
  const handle = createRequestHandler({ secret: SECRET, path: "/webhook" });
  server = createServer((req, res) => {
    const authorized = req.headers.authorization === AUTHORIZATION;
    seen.push({ method: req.method ?? "", authorized });
    if (!authorized && req.method === "POST" && req.url === "/webhook") {
      req.resume();
      res.writeHead(401, { "www-authenticate": "Basic" }).end();
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("with the add-on's header every probe passes, and the stray requests go without it", async () => {
  seen.length = 0;
  const report = await runCheck({ url, secret: SECRET, auth: [{ kind: "basic", user: "zoom", password: "hunter2" }] });
  assert.deepEqual(report.probes.filter((p) => p.verdict !== "pass").map((p) => `${p.id}: ${p.summary}`), []);
  assert.equal(seen.filter((s) => s.authorized).length, report.requests - 2);
  assert.deepEqual(seen.filter((s) => !s.authorized).map((s) => s.method), ["GET", "POST"]);
});

test("without it, valid-event fails and names the add-on as a likely cause", async () => {
  const report = await runCheck({ url, secret: SECRET, only: ["valid-event"] });
  const p = probe(report, "valid-event");
  assert.equal(p.verdict, "fail");
  assert.match(p.cause!, /authentication header the provider can add \(--basic-auth, --bearer, --custom-header\)/);
});
