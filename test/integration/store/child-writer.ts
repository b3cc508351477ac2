// Child process for the store integration tests: a separate writer that reports each append once it resolved.
// Run with no arguments (as the test runner does), it does nothing.
import { createInterface } from "node:readline";
import { acquireStoreLock, openStore } from "../../../src/store/index.js";
import { makeCapture } from "../../unit/store/capture-fixture.js";

const [mode, dir] = process.argv.slice(2);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

// Deterministic body per sequence number so the parent can check bytes without being told them.
export function bodyFor(n: number): Buffer {
  return Buffer.from(`{"n":${n},"pad":"${"é".repeat(n % 50)}"}\n\u0000\xff`, "latin1");
}

async function crash(): Promise<void> {
  const store = await openStore({ dir: dir!, flushIntervalMs: 50 });
  say("ready");
  // Keep many appends in flight until SIGKILL arrives; report each one as soon as it resolved.
  for (let n = 0; ; n++) {
    const c = makeCapture({ body: bodyFor(n), bodySize: bodyFor(n).length, path: `/n/${n}` });
    void store.append(c).then(() => say(`ok ${c.id} ${n}`));
    if (n % 20 === 19) await new Promise((r) => setImmediate(r));
  }
}

async function live(): Promise<void> {
  const lock = await acquireStoreLock(dir!);
  const store = await openStore({ dir: dir! });
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  for (let batch = 1; batch <= 2; batch++) {
    for (let i = 0; i < 5; i++) await store.append(makeCapture({ path: `/batch/${batch}/${i}` }));
    say(`batch ${batch}`);
    await lines.next();
  }
  await store.close();
  await lock.release();
  say("closed");
}

async function holdLock(): Promise<void> {
  await acquireStoreLock(dir!);
  say("locked");
  setInterval(() => {}, 1000);
}

if (mode === "crash") await crash();
if (mode === "live") await live();
if (mode === "hold-lock") await holdLock();
