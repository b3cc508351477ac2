// Benchmark: batched store appends per second vs raw fs.writeSync calls of the same bytes, in the same run.
import { openSync, closeSync, writeSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Capture } from "../src/shared/capture.js";
import { newCaptureId, openStore } from "../src/store/index.js";
import { encodeRecord } from "../src/store/record.js";

const N = Number(process.env.BENCH_N ?? 20_000);
// Requests arrive in bursts: one event-loop turn of a busy receiver handles several.
const BURST = Number(process.env.BENCH_BURST ?? 16);

function capture(i: number): Capture {
  const body = Buffer.from(JSON.stringify({ event: "meeting.started", event_ts: Date.now(), payload: { account_id: "abc", object: { id: i, uuid: "x".repeat(24), topic: "Weekly sync", host_id: "h".repeat(22), start_time: new Date().toISOString(), duration: 60, timezone: "UTC" } } }));
  return {
    id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook",
    headers: [["host", "127.0.0.1:8080"], ["content-type", "application/json"], ["x-zm-signature", `v0=${"a".repeat(64)}`], ["x-zm-request-timestamp", "1700000000"], ["user-agent", "Zoom Marketplace/1.0a"]],
    body, bodySize: body.length, truncated: false, kind: "event", event: "meeting.started", verification: "valid",
    response: { status: 200, headers: { "content-type": "application/json" }, body: "{}" }, durationMs: 1,
  };
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "zoomhook-bench-"));
  try {
    const captures = Array.from({ length: N }, (_, i) => capture(i));
    const records = captures.map((c) => encodeRecord(c).record);
    const bytes = records.reduce((n, r) => n + r.length, 0);

    const fd = openSync(path.join(root, "raw.bin"), "a");
    let t = performance.now();
    for (const r of records) writeSync(fd, r);
    const rawMs = performance.now() - t;
    closeSync(fd);

    const store = await openStore({ dir: path.join(root, "store"), maxCaptures: N, maxBytes: bytes * 2 });
    t = performance.now();
    for (let i = 0; i < N; i += BURST) {
      await Promise.all(captures.slice(i, i + BURST).map((c) => store.append(c)));
    }
    const storeMs = performance.now() - t;
    await store.close();

    const rawRate = N / (rawMs / 1000);
    const storeRate = N / (storeMs / 1000);
    process.stdout.write(
      `store-append: ${N} records, ${(bytes / N).toFixed(0)} B each, bursts of ${BURST}\n` +
        `  raw fs.writeSync per record: ${rawRate.toFixed(0)} records/s\n` +
        `  store.append (encode + batched writev + index): ${storeRate.toFixed(0)} appends/s\n` +
        `  ratio store/raw: ${(storeRate / rawRate).toFixed(2)}\n`,
    );
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
