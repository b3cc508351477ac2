// The live-listener registry (dead pids cleaned, cwd preference, newest fallback) and listen start-up on busy ports.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findListener, liveListeners, registerListener, secretFingerprint, type ListenerEntry } from "../../../src/registry/listeners.js";
import { stateDir } from "../../../src/registry/state-dir.js";
import { resolveTarget } from "../../../src/registry/target.js";
import { createBus, type SessionEvent } from "../../../src/shared/bus.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { startListen, type ListenConfig } from "../../../src/session/listen.js";
import { httpRequest } from "./http-helpers.js";

const root = mkdtempSync(join(tmpdir(), "zoomhook-registry-"));
after(() => rmSync(root, { recursive: true, force: true }));

function entry(over: Partial<ListenerEntry>): ListenerEntry {
  return {
    pid: process.pid,
    cwd: "/nowhere",
    startedAt: "2025-01-01T00:00:00.000Z",
    localUrl: "http://127.0.0.1:1/webhook",
    publicUrl: null,
    inspectorUrl: null,
    controlUrl: null,
    controlToken: null,
    secretFingerprint: null,
    store: null,
    ready: true,
    ...over,
  };
}

function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("spawn", () => resolve(child));
    child.once("error", reject);
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

describe("listener registry", () => {
  const env = { ZOOMHOOK_STATE_DIR: join(root, "state") };
  const dir = join(env.ZOOMHOOK_STATE_DIR, "listeners");
  let other: ChildProcess;
  before(async () => {
    other = await sleeper();
  });
  after(() => {
    other.kill("SIGKILL");
  });

  it("the state dir follows ZOOMHOOK_STATE_DIR, else the platform's convention", () => {
    assert.equal(stateDir(env), env.ZOOMHOOK_STATE_DIR);
    assert.equal(stateDir({ XDG_STATE_HOME: "/x" }, "linux"), "/x/zoomhook");
    assert.match(stateDir({}, "darwin"), /Library\/Application Support\/zoomhook$/);
    assert.match(stateDir({ LOCALAPPDATA: "C:\\L" }, "win32"), /zoomhook$/);
  });

  it("registers atomically (0600, no temp files left) and unregisters", () => {
    const unregister = registerListener(entry({ cwd: "/a" }), env);
    const files = readdirSync(dir);
    assert.deepEqual(files, [`${process.pid}.json`]);
    assert.equal(statSync(join(dir, files[0]!)).mode & 0o777, 0o600);
    unregister();
    assert.deepEqual(readdirSync(dir), []);
  });

  it("cleans dead pids, skips unreadable files, prefers the cwd's listener, else the newest", async () => {
    const dead = await deadPid();
    const unregisterMine = registerListener(entry({ cwd: join(root, "a"), startedAt: "2025-01-01T00:00:00.000Z", localUrl: "http://127.0.0.1:1/a" }), env);
    registerListener(entry({ pid: other.pid!, cwd: join(root, "b"), startedAt: "2025-01-02T00:00:00.000Z", localUrl: "http://127.0.0.1:1/b", ready: false }), env);
    registerListener(entry({ pid: dead, cwd: join(root, "c"), startedAt: "2025-01-03T00:00:00.000Z" }), env);
    writeFileSync(join(dir, "99999999.json"), "{torn");
    writeFileSync(join(dir, "notes.txt"), "ignored");

    const live = liveListeners(env);
    assert.deepEqual(live.map((e) => e.pid), [other.pid, process.pid]);
    assert.equal(readdirSync(dir).includes(`${dead}.json`), false, "the dead listener's entry was not removed");
    assert.ok(readdirSync(dir).includes("99999999.json"), "a file being written must be left alone");

    assert.deepEqual(findListener(join(root, "a"), env)?.how, "cwd");
    assert.equal(findListener(`${join(root, "a")}/`, env)?.entry.pid, process.pid);
    const newest = findListener(join(root, "elsewhere"), env);
    assert.equal(newest?.how, "newest");
    assert.equal(newest?.entry.pid, other.pid);
    assert.equal(findListener(join(root, "elsewhere"), env, { readyOnly: true })?.entry.pid, process.pid);
    assert.equal(findListener(join(root, "b"), env, { readyOnly: true })?.how, "newest");

    unregisterMine();
    rmSync(join(dir, `${other.pid}.json`));
    rmSync(join(dir, "99999999.json"));
  });

  it("resolveTarget: --to wins; else the listener; names the newest; warns on a secret mismatch; none → exit 3", () => {
    assert.deepEqual(resolveTarget("http://127.0.0.1:9/x", "s", root, env), { url: "http://127.0.0.1:9/x", via: "flag", notes: [] });
    assert.throws(
      () => resolveTarget(undefined, "s", root, env),
      (err: unknown) => isZoomhookError(err) && err.exitCode === 3 && err.code === "no_listener" && /--to/.test(err.hint ?? ""),
    );
    const unregister = registerListener(entry({ cwd: join(root, "a"), secretFingerprint: secretFingerprint("listener-secret") }), env);
    try {
      const here = resolveTarget(undefined, "listener-secret", join(root, "a"), env);
      assert.equal(here.via, "cwd");
      assert.deepEqual(here.notes, []);
      const there = resolveTarget(undefined, "another-secret", join(root, "z"), env);
      assert.equal(there.via, "newest");
      assert.match(there.notes[0]!, new RegExp(`newest listener \\(pid ${process.pid}, started in `));
      assert.match(there.notes[1]!, /secret differs/);
    } finally {
      unregister();
    }
  });

  it("the fingerprint is short, stable, and never the secret", () => {
    const fp = secretFingerprint("super-secret-value");
    assert.match(fp!, /^[0-9a-f]{12}$/);
    assert.equal(fp, secretFingerprint("super-secret-value"));
    assert.notEqual(fp, secretFingerprint("super-secret-valuE"));
    assert.equal(secretFingerprint(undefined), null);
    assert.equal(secretFingerprint(""), null);
  });
});

describe("listen session start-up", () => {
  const env = { ZOOMHOOK_STATE_DIR: join(root, "session-state") };
  let blocker: Server;
  let busyPort: number;
  before(async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    busyPort = (blocker.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => blocker.close(() => r())));

  const config = (over: Partial<ListenConfig>): ListenConfig => ({
    host: "127.0.0.1",
    port: 0,
    portExplicit: true,
    path: "/webhook",
    secret: "session-secret",
    toleranceSeconds: 300,
    maxBody: 1024 * 1024,
    store: false,
    inspect: false,
    tunnel: false,
    cwd: root,
    ...over,
  });

  it("a busy default port falls back to a free one and says so; registry entry written then removed", async () => {
    const events: SessionEvent[] = [];
    const bus = createBus();
    bus.on((e) => events.push(e));
    const session = await startListen(config({ port: busyPort, portExplicit: false }), { bus, env });
    try {
      assert.notEqual(session.receiver.port, busyPort);
      const info = events.find((e) => e.type === "info");
      assert.ok(info && info.type === "info");
      assert.equal(info.code, "port_fallback");
      assert.match(info.message, new RegExp(`port ${busyPort} is busy; listening on ${session.receiver.port}`));
      const ready = events.find((e) => e.type === "ready");
      assert.equal(ready?.type === "ready" && ready.localUrl, `http://127.0.0.1:${session.receiver.port}/webhook`);
      const listed = liveListeners(env);
      assert.equal(listed.length, 1);
      assert.equal(listed[0]!.localUrl, session.receiver.url);
      assert.equal(listed[0]!.secretFingerprint, secretFingerprint("session-secret"));
      const raw = readFileSync(join(env.ZOOMHOOK_STATE_DIR, "listeners", `${process.pid}.json`), "utf8");
      assert.equal(raw.includes("session-secret"), false, "the secret itself is in the registry");
      assert.equal((await httpRequest(session.receiver.url, { method: "GET" })).status, 405);
    } finally {
      await session.close();
    }
    assert.deepEqual(liveListeners(env), []);
  });

  it("a busy explicit port → ZoomhookError port_in_use, exit 3, nothing left registered", async () => {
    const bus = createBus();
    await assert.rejects(
      startListen(config({ port: busyPort, portExplicit: true }), { bus, env }),
      (err: unknown) => isZoomhookError(err) && err.code === "port_in_use" && err.exitCode === 3 && /--port 0/.test(err.hint ?? ""),
    );
    assert.deepEqual(liveListeners(env), []);
  });

  it("forwarding to itself is refused as a usage error", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await assert.rejects(
      startListen(config({ port, forward: { to: `http://localhost:${port}/webhook`, routes: [], forwardCrc: false, timeoutMs: 1000 } }), { bus: createBus(), env }),
      (err: unknown) => isZoomhookError(err) && err.code === "forward_loop" && err.exitCode === 2,
    );
  });
});
