// Durability end to end: SIGKILL a listener under concurrent load, the instant an answer arrives; every request it answered 2xx is in the store.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { openStoreReader } from "../../../src/store/index.js";
import { signPayload } from "../../../src/providers/zoom/signature.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const cli = join(root, "bin", "zoomhook.js");
const SECRET = "durability_secret";
const temps: string[] = [];
const children: ChildProcess[] = [];

after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "zoomhook-durability-"));
  temps.push(d);
  return d;
}

function startListener(store: string, state: string): Promise<{ child: ChildProcess; localUrl: string }> {
  const child = spawn(process.execPath, [cli, "listen", "--no-tunnel", "--port", "0", "--no-inspect", "--store", store, "--json"], {
    cwd: state,
    env: { ...process.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ZOOMHOOK_STATE_DIR: state, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = "";
    let errText = "";
    const timer = setTimeout(() => reject(new Error(`no ready line within 20 s; stderr: ${errText}`)), 20_000);
    child.stderr!.on("data", (d: Buffer) => (errText += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          const ev = JSON.parse(line) as { type: string; localUrl?: string };
          if (ev.type === "ready") {
            clearTimeout(timer);
            resolve({ child, localUrl: ev.localUrl! });
          }
        } catch {
          // a partial line: wait for the rest
        }
      }
    });
    child.once("exit", (code) => reject(new Error(`listener exited ${code} before ready; stderr: ${errText}`)));
  });
}

const KILL_AFTER = 400;

test("every request answered 2xx before a SIGKILL is found in the store, and the store opens again", { timeout: 90_000 }, async () => {
  const store = await temp();
  const state = await temp();
  const { child, localUrl } = await startListener(store, state);
  const answered = new Set<string>();
  let sent = 0;
  let killed = false;
  // The answers that arrived last, the kill sent from inside the handler of the final one: an answer
  // that went out before its capture was written would be lost here, the moment after it was given.
  const lastAcked: string[] = [];
  let killedAt!: () => void;
  const kill = new Promise<void>((r) => (killedAt = r));
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const requestId = `dur_${w}_${i}`;
      const body = JSON.stringify({ event: "meeting.started", event_ts: Date.now(), payload: { account_id: "A", object: { id: requestId, topic: "Durability ✓" } } });
      const ts = Math.floor(Date.now() / 1000);
      sent++;
      try {
        const res = await request(localUrl, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-zm-request-timestamp": String(ts), "x-zm-signature": signPayload(SECRET, ts, body), "x-zm-request-id": requestId },
        });
        if (res.statusCode >= 200 && res.statusCode < 300 && !killed) {
          answered.add(requestId);
          lastAcked.push(requestId);
          if (lastAcked.length > 12) lastAcked.shift();
          if (answered.size >= KILL_AFTER) {
            killed = true;
            child.kill("SIGKILL");
            killedAt();
          }
        }
        await res.body.text();
      } catch {
        return; // the listener is gone
      }
    }
  };
  const load = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
  await kill;
  await load;
  assert.equal(answered.size, KILL_AFTER, `answered ${answered.size} of ${sent}`);

  const reader = await openStoreReader({ dir: store });
  try {
    const summaries = await reader.list({ limit: 100_000 });
    const stored = new Set<string>();
    for (const s of summaries) {
      const c = await reader.get(s.id);
      const id = c?.headers.find(([k]) => k.toLowerCase() === "x-zm-request-id")?.[1];
      if (id) stored.add(id);
    }
    assert.deepEqual(lastAcked.filter((id) => !stored.has(id)), [], "answers given just before the kill are missing from the store");
    const missing = [...answered].filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${answered.size} answered requests are missing from the store`);
  } finally {
    await reader.close();
  }

  // The dead listener's lock is taken over: a new listener starts on the same store and stops cleanly.
  const again = await startListener(store, state);
  const exited = new Promise<number | null>((r) => again.child.once("exit", (code) => r(code)));
  again.child.kill("SIGINT");
  assert.equal(await exited, 0);
});
