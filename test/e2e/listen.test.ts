// A running `listen --json` driven by the other commands: send, crc, url, log, show, export, replay; then a clean exit.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, parseJsonLines, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";

const SECRET = "e2e_listen_secret";
const ESC = "\u001b[";

describe("listen --json with a secret, and the commands that use it", () => {
  let world: World;
  let h: ListenerHandle;
  let consumed = 0;
  let badCrc: Server;
  let badCrcUrl: string;
  const run = (args: string[], env: Record<string, string | undefined> = {}, cwd?: string) =>
    runCli(args, { cwd: cwd ?? world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...env } });
  const requests = () => h.lines.filter((l) => l.type === "request");
  const nextRequest = async () => {
    const n = ++consumed;
    await h.waitForLine(() => requests().length >= n);
    return requests()[n - 1]!;
  };
  const showJson = async (id: string) => {
    const r = await run(["show", id, "--json", "--store", world.store]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { id: string; headers: Array<[string, string]>; bodyBase64: string; bodyText?: string; replayOf?: string; verification: string };
  };
  const header = (headers: Array<[string, string]>, name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];

  before(async () => {
    world = makeWorld();
    h = await startListener(world.listenArgs, { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    // An endpoint that makes the classic mistake: the HMAC in base64.
    badCrc = createServer((req, res) => {
      let raw = "";
      req.on("data", (d: Buffer) => (raw += d));
      req.on("end", () => {
        const plainToken = (JSON.parse(raw) as { payload: { plainToken: string } }).payload.plainToken;
        const encryptedToken = createHmac("sha256", SECRET).update(plainToken).digest("base64");
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ plainToken, encryptedToken }));
      });
    });
    await new Promise<void>((r) => badCrc.listen(0, "127.0.0.1", () => r()));
    badCrcUrl = `http://127.0.0.1:${(badCrc.address() as AddressInfo).port}/zoom`;
  });
  after(async () => {
    killAll();
    await new Promise<void>((r) => badCrc.close(() => r()));
    world.cleanup();
  });

  it("the ready line: local URL on a free port, no public URL, pid, who verifies", () => {
    const r = h.ready;
    assert.equal(h.lines[0], r);
    assert.match(r.localUrl, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    assert.notEqual(r.localUrl, "http://127.0.0.1:4050/webhook");
    assert.equal(r.publicUrl, null);
    assert.equal(r.pid, h.child.pid);
    assert.equal(r.verifiedBy, "zoomhook");
    assert.equal(r.store, world.store);
    assert.match(String(r.inspectorUrl), /^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it("registers itself with a fingerprint, never the secret", () => {
    const file = join(world.stateDir, "listeners", `${h.ready.pid}.json`);
    const text = readFileSync(file, "utf8");
    assert.equal(text.includes(SECRET), false);
    const entry = JSON.parse(text) as { localUrl: string; cwd: string; secretFingerprint: string };
    assert.equal(entry.localUrl, h.ready.localUrl);
    assert.match(entry.secretFingerprint, /^[0-9a-f]{12}$/);
  });

  it("send → the listener in this directory: exit 0, and one request line", async () => {
    const r = await run(["send", "meeting.started"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, new RegExp(`^→ POST ${h.ready.localUrl.replace(/[.]/g, "\\.")}  meeting\\.started  \\(\\d+ bytes, signed v0, ts \\d+\\)\\n← 200 OK in \\d+ ms\\n`));
    assert.equal(r.stdout.includes(ESC), false);
    const line = await nextRequest();
    assert.deepEqual(Object.keys(line), ["type", "id", "receivedAt", "kind", "event", "verification", "diagnosis", "status", "durationMs", "target", "provider"]);
    assert.deepEqual([line.kind, line.event, line.verification, line.diagnosis, line.status], ["event", "meeting.started", "valid", null, 200]);
    assert.match(String(line.id), /^[0-9a-z]+$/);
    assert.ok(!Number.isNaN(Date.parse(String(line.receivedAt))));
    assert.equal(typeof line.durationMs, "number");
  });

  it("send --bad-signature → exit 1; the listener answers 401 with the reason", async () => {
    const r = await run(["send", "meeting.ended", "--bad-signature"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /← 401 Unauthorized/);
    const line = await nextRequest();
    assert.equal(line.verification, "invalid");
    assert.equal((line.diagnosis as { code: string }).code, "signature_mismatch");
    assert.equal(line.status, 401);
  });

  it("a different secret: warns before sending, then exit 1", async () => {
    const r = await run(["send", "meeting.started"], { ZOOM_WEBHOOK_SECRET_TOKEN: "some_other_secret" });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /your secret differs from the listener's/);
    await nextRequest();
  });

  it("from another directory, the newest listener is named on stderr", async () => {
    const r = await run(["send", "user.created"], {}, world.root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`sending to the newest listener \\(pid ${h.ready.pid}, started in ${world.cwd.replace(/[.]/g, "\\.")}\\)`));
    await nextRequest();
  });

  it("send --json: one delivery object, stdout only JSON", async () => {
    const r = await run(["send", "meeting.started", "--json", "--set", "payload.object.topic=\"Hi\"", "--set-string", "payload.object.id=123"]);
    assert.equal(r.code, 0, r.stderr);
    const [d, ...rest] = parseJsonLines(r.stdout);
    assert.deepEqual(rest, []);
    assert.equal(d!.type, "delivery");
    assert.equal(d!.status, 200);
    assert.equal(d!.url, h.ready.localUrl);
    assert.equal(d!.event, "meeting.started");
    assert.match(String(d!.requestId), /^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/);
    assert.equal(typeof d!.bytes, "number");
    const line = await nextRequest();
    const cap = await showJson(String(line.id));
    const body = JSON.parse(cap.bodyText!) as { payload: { object: { topic: string; id: string } } };
    assert.equal(body.payload.object.topic, "Hi");
    assert.equal(body.payload.object.id, "123");
    for (const name of ["user-agent", "content-type", "x-zm-request-timestamp", "x-zm-signature", "x-zm-request-id", "traceparent"]) assert.ok(header(cap.headers, name), name);
    assert.equal(header(cap.headers, "user-agent"), "Zoom Marketplace/1.0a");
    assert.equal(header(cap.headers, "x-zm-request-id"), d!.requestId);
  });

  it("send --count 3 --concurrency 2 --json: three deliveries then a summary", async () => {
    const r = await run(["send", "meeting.started", "--count", "3", "--concurrency", "2", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = parseJsonLines(r.stdout);
    assert.equal(lines.length, 4);
    assert.deepEqual(lines.slice(0, 3).map((l) => l.type), ["delivery", "delivery", "delivery"]);
    assert.deepEqual(lines.slice(0, 3).map((l) => l.index).sort(), [0, 1, 2]);
    const s = lines[3]!;
    assert.equal(s.type, "summary");
    assert.deepEqual([s.sent, s.ok, s.failed, s.noAnswer], [3, 3, 0, 0]);
    for (const k of ["ratePerSec", "p50Ms", "p99Ms", "elapsedMs"]) assert.equal(typeof s[k], "number", k);
    for (let i = 0; i < 3; i++) await nextRequest();
  });

  it("send --count without --json prints the one-line summary", async () => {
    const r = await run(["send", "meeting.started", "--count", "2"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^2 sent · 2 2xx · 0 failed · [\d,.]+\/s · p50 [\d.]+ ms · p99 [\d.]+ ms\n$/);
    await nextRequest();
    await nextRequest();
  });

  it("send --data sends the file's bytes exactly, event taken from the body", async () => {
    const { writeFileSync } = await import("node:fs");
    const bytes = '{ "event": "meeting.ended",\n  "payload": {"object": {"topic": "Caf\\u00e9 \\/ ☕"}} }\n';
    const file = join(world.cwd, "exact.json");
    writeFileSync(file, bytes);
    const r = await run(["send", "--data", file]);
    assert.equal(r.code, 0, r.stderr);
    const line = await nextRequest();
    assert.equal(line.event, "meeting.ended");
    assert.equal(line.verification, "valid");
    const cap = await showJson(String(line.id));
    assert.equal(Buffer.from(cap.bodyBase64, "base64").toString("utf8"), bytes);
  });

  it("crc --to the listener: PASS, exit 0; --json shape", async () => {
    const r = await run(["crc", "--to", h.ready.localUrl]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS — Zoom would accept this endpoint/);
    const line = await nextRequest();
    assert.deepEqual([line.kind, line.event, line.status], ["crc", "endpoint.url_validation", 200]);
    const j = await run(["crc", "--to", h.ready.localUrl, "--json"]);
    const grade = JSON.parse(j.stdout) as { pass: boolean; checks: Array<{ name: string; ok: boolean; detail: string }>; latencyMs: number };
    assert.deepEqual(Object.keys(grade), ["pass", "checks", "latencyMs"]);
    assert.equal(grade.pass, true);
    assert.equal(grade.checks.length, 5);
    for (const c of grade.checks) assert.deepEqual(Object.keys(c), ["name", "ok", "detail"]);
    assert.ok(Number.isInteger(grade.latencyMs));
    await nextRequest();
  });

  it("crc --to an endpoint answering base64: FAIL, exit 1, names the mistake", async () => {
    const r = await run(["crc", "--to", badCrcUrl]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✖ encryptedToken .*looks like base64 — Zoom wants the HMAC as lowercase hex/);
    assert.match(r.stdout, /FAIL — Zoom would reject this endpoint/);
    const j = await run(["crc", "--to", badCrcUrl, "--json"]);
    assert.equal(j.code, 1);
    assert.equal((JSON.parse(j.stdout) as { pass: boolean }).pass, false);
  });

  it("url --local prints only the local URL; url without --local explains --local; url --json", async () => {
    const local = await run(["url", "--local"]);
    assert.deepEqual([local.code, local.stdout], [0, `${h.ready.localUrl}\n`]);
    const wait = await run(["url", "--local", "--wait", "5"]);
    assert.deepEqual([wait.code, wait.stdout], [0, `${h.ready.localUrl}\n`]);
    const pub = await run(["url"]);
    assert.equal(pub.code, 3);
    assert.equal(pub.stdout, "");
    assert.match(pub.stderr, /runs without a tunnel/);
    assert.match(pub.stderr, /zoomhook url --local/);
    const j = await run(["url", "--json"]);
    const u = JSON.parse(j.stdout) as Record<string, unknown>;
    assert.deepEqual([u.localUrl, u.publicUrl, u.pid], [h.ready.localUrl, null, h.ready.pid]);
  });

  it("log lists the captures newest first; --json; --event filter", async () => {
    const r = await run(["log", "--store", world.store, "--json", "--limit", "100"]);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Array<{ id: string; event?: string }>;
    const ids = requests().map((l) => String(l.id));
    assert.deepEqual(list.map((c) => c.id), [...ids].reverse());
    const crcOnly = JSON.parse((await run(["log", "--store", world.store, "--json", "--event", "endpoint.*"])).stdout) as Array<{ event: string }>;
    assert.ok(crcOnly.length >= 2);
    assert.ok(crcOnly.every((c) => c.event === "endpoint.url_validation"));
    const human = await run(["log", "--store", world.store, "--limit", "2"]);
    assert.equal(human.code, 0);
    assert.equal(human.stdout.split("\n").filter(Boolean).length, 4); // the header, two captures and the "2 of N shown" line
    assert.match(human.stdout, /^ID\s+RECEIVED/);
    const invalid = JSON.parse((await run(["log", "--store", world.store, "--json", "--verification", "invalid"])).stdout) as Array<{ verification: string }>;
    assert.ok(invalid.length >= 1);
    assert.ok(invalid.every((c) => c.verification === "invalid"));
    const crcs = JSON.parse((await run(["log", "--store", world.store, "--json", "--verification", "crc"])).stdout) as Array<{ kind: string }>;
    assert.deepEqual([...new Set(crcs.map((c) => c.kind))], ["crc"]);
    const bad = await run(["log", "--verification", "nope"]);
    assert.equal(bad.code, 2);
  });

  it("show and export: the newest capture, exact bytes", async () => {
    const last = requests()[requests().length - 1]!;
    const human = await run(["show", "last", "--store", world.store]);
    assert.equal(human.code, 0);
    assert.match(human.stdout, new RegExp(String(last.id)));
    assert.match(human.stdout, /Verification/);
    const cap = await showJson("last");
    const exported = await run(["export", String(cap.id), "--store", world.store]);
    assert.equal(exported.code, 0);
    assert.equal(exported.stdout, Buffer.from(cap.bodyBase64, "base64").toString("utf8"));
    const missing = await run(["show", "01nosuchcapture", "--store", world.store]);
    assert.equal(missing.code, 2);
  });

  it("replay: re-signed, a new capture marked replayOf, valid", async () => {
    const original = requests().find((l) => l.event === "meeting.started" && l.status === 200)!;
    const r = await run(["replay", String(original.id), "--store", world.store]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const line = await nextRequest();
    assert.equal(line.replayOf, original.id);
    assert.equal(line.verification, "valid");
    assert.notEqual(line.id, original.id);
    const [a, b] = [await showJson(String(original.id)), await showJson(String(line.id))];
    assert.equal(b.bodyBase64, a.bodyBase64);
    assert.notEqual(header(b.headers, "x-zm-request-id"), header(a.headers, "x-zm-request-id"));
  });

  it("replay --keep-signature sends identical bytes and headers", async () => {
    const original = requests().find((l) => l.event === "meeting.started" && l.status === 200)!;
    const r = await run(["replay", String(original.id), "--keep-signature", "--store", world.store]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const line = await nextRequest();
    assert.equal(line.replayOf, original.id);
    const [a, b] = [await showJson(String(original.id)), await showJson(String(line.id))];
    assert.equal(b.bodyBase64, a.bodyBase64);
    for (const name of ["x-zm-signature", "x-zm-request-timestamp", "x-zm-request-id", "traceparent", "user-agent", "content-type"]) {
      assert.equal(header(b.headers, name), header(a.headers, name), name);
    }
  });

  it("replay --same-id keeps x-zm-request-id but re-signs", async () => {
    const original = requests().find((l) => l.event === "meeting.started" && l.status === 200)!;
    const r = await run(["replay", String(original.id), "--same-id", "--store", world.store]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const line = await nextRequest();
    assert.equal(line.verification, "valid");
    const [a, b] = [await showJson(String(original.id)), await showJson(String(line.id))];
    assert.equal(header(b.headers, "x-zm-request-id"), header(a.headers, "x-zm-request-id"));
    assert.notEqual(header(b.headers, "traceparent"), header(a.headers, "traceparent"));
  });

  it("SIGINT → exit 0 after a clean close (registry entry and lock removed); stdout was only JSON", async () => {
    const file = join(world.stateDir, "listeners", `${h.ready.pid}.json`);
    assert.ok(existsSync(file));
    const stopped = await h.stop("SIGINT");
    assert.equal(stopped.code, 0, stopped.stderr);
    // A close that hung would end in the 4-second forced exit, which leaves the entry and the lock behind.
    assert.ok(stopped.stderr.endsWith(`zoomhook stopped; captures are kept in ${world.store}.\n`), stopped.stderr);
    assert.equal(existsSync(file), false);
    assert.equal(existsSync(join(world.store, "listener.lock")), false);
    assert.deepEqual(h.lines.filter((l) => l.type === "__not_json__"), []);
    assert.equal(h.stderr().includes(ESC), false);
    assert.deepEqual(readdirSync(join(world.stateDir, "listeners")), []);
  });
});

describe("listen without a secret (a dev secret for the session), stopped with SIGTERM", () => {
  let world: World;
  let h: ListenerHandle;
  before(async () => {
    world = makeWorld();
    h = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", world.store], { cwd: world.cwd, env: world.env });
  });
  after(() => {
    killAll();
    world.cleanup();
  });

  it("zoomhook verifies with a dev secret, and there is no inspector with --no-inspect", () => {
    assert.equal(h.ready.verifiedBy, "zoomhook");
    assert.equal(h.ready.secretSource, "dev secret");
    assert.equal(h.ready.inspectorUrl, null);
  });

  it("the first stdout line is the ready line, and the dev-secret warning goes to stderr", () => {
    assert.equal(h.lines[0]!.type, "ready");
    assert.match(h.stderr(), /No secret token set: using a dev secret made up for this session/);
    assert.match(h.stderr(), /Set ZOOM_WEBHOOK_SECRET_TOKEN .* for real Zoom traffic/);
  });

  it("the warning is also an NDJSON line, after the ready line", async () => {
    const warning = await h.waitForLine((l) => l.type === "warning");
    assert.equal(warning.code, "dev_secret");
    assert.ok(h.lines.indexOf(warning) > 0);
  });

  it("send without a secret signs with the listener's dev secret: valid; an unsigned delivery is refused", async () => {
    const r = await runCli(["send", "meeting.started"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    const line = await h.waitForLine((l) => l.type === "request");
    assert.deepEqual([line.verification, line.status], ["valid", 200]);
    const unsigned = await runCli(["send", "meeting.started", "--no-signature"], { cwd: world.cwd, env: world.env });
    assert.equal(unsigned.code, 1);
    const refused = await h.waitForLine((l) => l.type === "request" && l.id !== line.id);
    assert.deepEqual([refused.verification, refused.status], ["unsigned", 401]);
  });

  it("SIGTERM → exit 0 after a clean close: the registry entry and the lock are removed", async () => {
    assert.deepEqual(readdirSync(join(world.stateDir, "listeners")), [`${h.ready.pid}.json`]);
    const stopped = await h.stop("SIGTERM");
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.deepEqual(readdirSync(join(world.stateDir, "listeners")), []);
    assert.equal(existsSync(join(world.store, "listener.lock")), false, "closed cleanly, not forced out");
  });
});
