// Benchmark: a reader opening a store of 10 000 captures and listing the newest 50, vs reading every capture in full.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { newCaptureId, openStore, openStoreReader } from "../src/store/index.js";

const N = Number(process.env.BENCH_N ?? 10_000);

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "zoomhook-bench-"));
  const dir = path.join(root, "store");
  try {
    const store = await openStore({ dir });
    const body = Buffer.from(JSON.stringify({ event: "meeting.started", payload: { object: { topic: "x".repeat(1500) } } }));
    for (let i = 0; i < N; i += 100) {
      await Promise.all(Array.from({ length: 100 }, () => store.append({
        id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook", headers: [["content-type", "application/json"]],
        body, bodySize: body.length, truncated: false, kind: "event", event: "meeting.started", verification: "valid",
        response: { status: 200, headers: {}, body: "{}" }, durationMs: 1,
      })));
    }
    await store.close();

    let t = performance.now();
    const reader = await openStoreReader({ dir });
    const newest = await reader.list({ limit: 50 });
    const coldMs = performance.now() - t;
    t = performance.now();
    await reader.list({ limit: 50 });
    const warmMs = performance.now() - t;
    t = performance.now();
    for (const s of newest) await reader.get(s.id);
    const get50Ms = performance.now() - t;
    t = performance.now();
    for (const s of await reader.list()) await reader.get(s.id);
    const everyMs = performance.now() - t;
    await reader.close();
    process.stdout.write(
      `store-read: ${N} captures, ${body.length} B bodies\n` +
        `  open + list newest 50 (cold): ${coldMs.toFixed(1)} ms\n` +
        `  list newest 50 again (refresh, nothing new): ${warmMs.toFixed(2)} ms\n` +
        `  get those 50 in full: ${get50Ms.toFixed(1)} ms\n` +
        `  baseline, get every capture in full: ${everyMs.toFixed(1)} ms (ratio ${(everyMs / coldMs).toFixed(1)}x)\n`,
    );
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
