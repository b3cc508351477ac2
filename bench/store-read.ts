// Benchmark: a reader opening a store of 10 000 captures and listing the newest 50, against reading the segment files' bytes.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openStoreReader } from "../src/store/index.js";
import { filledStore } from "./lib/filled-store.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const N = Number(process.env.BENCH_N ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BENCH = "store-read";

async function main(): Promise<void> {
  const store = await filledStore(N);
  try {
    const files = readdirSync(store.dir).filter((f) => f.endsWith(".zhc")).map((f) => path.join(store.dir, f));
    const open: number[] = [];
    const raw: number[] = [];
    const refresh: number[] = [];
    const get50: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Baseline: just reading every segment file's bytes, which a list must at least not exceed.
      let t = performance.now();
      let bytes = 0;
      for (const f of files) bytes += readFileSync(f).length;
      raw.push(performance.now() - t);
      t = performance.now();
      const reader = await openStoreReader({ dir: store.dir });
      const newest = await reader.list({ limit: 50 });
      open.push(performance.now() - t);
      t = performance.now();
      await reader.list({ limit: 50 });
      refresh.push(performance.now() - t);
      t = performance.now();
      for (const s of newest) await reader.get(s.id);
      get50.push(performance.now() - t);
      await reader.close();
      if (i === 0) note(`${BENCH}: ${fmt(N)} captures of ${store.bodyBytes} B bodies, ${files.length} segments, ${fmt(bytes / 1024 / 1024, 1)} MB; median of ${ROUNDS}`);
    }
    // Listing parses every record's summary (bodies bigger than a read chunk are skipped): a small multiple of the raw read.
    ratioLine(BENCH, "open a reader + list newest 50", median(open), "read every segment file", median(raw), "ms", "≤", 5, 2);
    note(`  list newest 50 again (refresh, nothing new): ${fmt(median(refresh), 3)} ms`);
    note(`  get those 50 in full: ${fmt(median(get50), 2)} ms`);
  } finally {
    await store.remove();
  }
}

await main();
