// A lock or registry entry left by a killed process is stale even when its pid now belongs to a live process.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, promises as fs, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { liveListeners, pruneSilentListeners, type ListenerEntry } from "../../../src/registry/listeners.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { processStartMark } from "../../../src/shared/process-identity.js";
import { acquireStoreLock } from "../../../src/store/index.js";

const root = mkdtempSync(path.join(os.tmpdir(), "zoomhook-stale-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `d${++n}`);

function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("spawn", () => resolve(child));
    child.once("error", reject);
  });
}

async function writeLock(dir: string, owner: Record<string, unknown>): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "listener.lock"), JSON.stringify({ hostname: os.hostname(), token: "previous", startedAt: new Date(0).toISOString(), ...owner }));
}

const locked = (err: unknown) => isZoomhookError(err) && err.code === "store_locked";
// Start times come from /proc; elsewhere only the own-pid and no-answer checks apply.
const startTimes = processStartMark(process.pid) !== undefined;

describe("store lock owner identity", () => {
  let other: ChildProcess;
  before(async () => {
    other = await sleeper();
  });
  after(() => other.kill("SIGKILL"));

  it("a lock naming this very pid but not taken by this process (pid 1 after a restart) is taken over", async () => {
    const dir = freshDir();
    await writeLock(dir, { pid: process.pid });
    const lock = await acquireStoreLock(dir);
    const owner = JSON.parse(await fs.readFile(path.join(dir, "listener.lock"), "utf8"));
    assert.notEqual(owner.token, "previous");
    // …while a lock this process does hold still keeps a second acquire out.
    await assert.rejects(acquireStoreLock(dir), locked);
    await lock.release();
  });

  it("a lock naming a live pid that started after the lock was taken is taken over", { skip: !startTimes && "no /proc start times here" }, async () => {
    const dir = freshDir();
    await writeLock(dir, { pid: other.pid, procStart: `${processStartMark(other.pid!)}0` });
    const lock = await acquireStoreLock(dir);
    await lock.release();
  });

  it("a lock whose owner still runs (same pid, same start) is respected", async () => {
    const dir = freshDir();
    await writeLock(dir, { pid: other.pid, procStart: processStartMark(other.pid!) });
    await assert.rejects(acquireStoreLock(dir), locked);
  });
});

describe("listener registry entries of processes that are gone", () => {
  let other: ChildProcess;
  const env = { ZOOMHOOK_STATE_DIR: path.join(root, "state") };
  const dir = path.join(env.ZOOMHOOK_STATE_DIR, "listeners");
  const entry = (over: Partial<ListenerEntry>): ListenerEntry => ({
    pid: process.pid, cwd: root, startedAt: new Date().toISOString(), localUrl: "http://127.0.0.1:9/webhook", publicUrl: null,
    inspectorUrl: null, controlUrl: null, controlToken: null, secretFingerprint: null, store: null, ready: true, ...over,
  });
  const put = (e: ListenerEntry) => writeFileSync(path.join(dir, `${e.pid}.json`), JSON.stringify(e));
  const files = () => readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  before(async () => {
    other = await sleeper();
    mkdirSync(dir, { recursive: true });
  });
  after(() => other.kill("SIGKILL"));

  it("an entry naming this pid that this process did not write is dropped", () => {
    put(entry({ pid: process.pid }));
    assert.deepEqual(liveListeners(env), []);
    assert.deepEqual(files(), []);
  });

  it("an entry naming a live pid with another start time is dropped", { skip: !startTimes && "no /proc start times here" }, () => {
    put(entry({ pid: other.pid!, procStart: "another-boot:1" }));
    assert.deepEqual(liveListeners(env), []);
    assert.deepEqual(files(), []);
  });

  it("an entry whose control port refuses connections is dropped; one that answers stays", async () => {
    const answering = createServer((_req, res) => res.end());
    await new Promise<void>((r) => answering.listen(0, "127.0.0.1", () => r()));
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    try {
      put(entry({ pid: other.pid!, controlUrl: `http://127.0.0.1:${closedPort}` }));
      await pruneSilentListeners(env);
      assert.deepEqual(files(), []);
      put(entry({ pid: other.pid!, controlUrl: `http://127.0.0.1:${(answering.address() as AddressInfo).port}` }));
      await pruneSilentListeners(env);
      assert.deepEqual(files(), [`${other.pid}.json`]);
    } finally {
      await new Promise<void>((r) => answering.close(() => r()));
      rmSync(path.join(dir, `${other.pid}.json`), { force: true });
    }
  });
});
