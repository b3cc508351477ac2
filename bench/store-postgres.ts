// Benchmark: `listen` throughput with a PostgreSQL store vs the file store (same run, same machine), and `log` of the newest 50 among 100,000.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Capture } from "../src/shared/capture.js";
import { newCaptureId } from "../src/store/capture-id.js";
import { openCaptureStore, type OpenedCaptureStore } from "../src/store/open.js";
import { startPgServer, type PgServer } from "../test/support/postgres-server.js";
import { hammer } from "./lib/load.js";
import { signedMeetingStarted } from "./lib/payload.js";
import { cpuMs, procAvailable } from "./lib/proc-cpu.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";
import { spawnServer, type ServerProcess } from "./lib/servers.js";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 48);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CAPTURES = Number(process.env.BENCH_LOG_CAPTURES ?? 100_000);
const BENCH = "store-postgres";

function capture(i: number, body: Buffer, headers: Array<[string, string]>): Capture {
  const events = ["meeting.started", "meeting.ended", "meeting.participant_joined", "recording.completed"];
  return {
    id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook", headers, body, bodySize: body.length,
    truncated: false, kind: "event", event: events[i % events.length], verification: i % 10 === 0 ? "invalid" : "valid",
    response: { status: 200, headers: { "content-type": "application/json" }, body: '{"status":"received"}' }, durationMs: 0.4,
  };
}

/** Median time of `log -n 50` as the command does it: the newest 50 summaries and the total. */
async function timeLog(store: OpenedCaptureStore): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await store.reader.list({ limit: 50 });
    await store.reader.count();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function fill(store: OpenedCaptureStore, n: number): Promise<void> {
  const req = signedMeetingStarted();
  const headers = Object.entries(req.headers);
  for (let i = 0; i < n; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, n - i) }, (_, k) => store.writer!.append(capture(i + k, req.body, headers))));
  }
}

async function vacuum(url: string, schema: string): Promise<void> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`vacuum analyze ${schema}.captures`);
  await c.end();
}

async function main(): Promise<void> {
  const given = process.env.ZOOMHOOK_BENCH_DATABASE_URL;
  const server: PgServer | undefined = given ? undefined : await startPgServer();
  const pgUrl = given ?? server!.url;
  const root = mkdtempSync(path.join(os.tmpdir(), "zoomhook-bench-pg-"));
  const servers: ServerProcess[] = [];
  try {
    const req = signedMeetingStarted();
    servers.push(await spawnServer("listen"), await spawnServer("listen-store", `${pgUrl}?schema=bench_listen`));
    const rates = new Map<string, number[]>(servers.map((s) => [s.kind, []]));
    // CPU milliseconds per request: the listener's own, plus the database server's for the PostgreSQL store.
    const cost = new Map<string, number[]>(servers.map((s) => [s.kind, []]));
    const cpu = (s: ServerProcess) => cpuMs(s.child.pid!) + (s.kind === "listen-store" && server ? cpuMs(server.pid()!, true) : 0);
    let bad = 0;
    for (const s of servers) await hammer(s.url, req, { connections: CONNECTIONS, seconds: 1 });
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of servers) {
        const before = procAvailable ? cpu(s) : 0;
        const r = await hammer(s.url, req, { connections: CONNECTIONS, seconds: SECONDS });
        if (procAvailable) cost.get(s.kind)!.push((cpu(s) - before) / r.total);
        rates.get(s.kind)!.push(r.rps);
        bad += r.bad;
      }
    }
    note(`${BENCH}: ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS} s per listener, alternating, medians; PostgreSQL on this machine${given ? " ($ZOOMHOOK_BENCH_DATABASE_URL)" : " (throwaway server, fsync off)"}`);
    for (const [kind, list] of rates) note(`  ${kind.padEnd(12)} runs: ${list.map((v) => fmt(v)).join(", ")} req/s`);
    if (bad > 0) note(`  warning: ${bad} non-2xx answers or socket errors during the runs`, { bad });
    ratioLine(BENCH, "listen throughput, PostgreSQL store", median(rates.get("listen-store")!), "file store", median(rates.get("listen")!), "req/s", "≥", 0.5);
    if (procAvailable && server) {
      // On a machine shared with other work, throughput swings with the neighbours; CPU per request does not.
      const file = median(cost.get("listen")!) * 1000;
      const pg = median(cost.get("listen-store")!) * 1000;
      note(`  CPU per request: file store ${fmt(file)} µs (listener); PostgreSQL store ${fmt(pg)} µs (listener + database server)`);
      ratioLine(BENCH, "listen capacity per CPU, PostgreSQL store (file µs ÷ PostgreSQL µs)", file, "PostgreSQL", pg, "µs", "≥", 0.5);
    }
    await Promise.all(servers.splice(0).map((s) => s.stop()));

    const pg = await openCaptureStore(`${pgUrl}?schema=bench_log`, { mode: "write", maxCaptures: CAPTURES * 2, maxBytes: 2 ** 31 - 1 });
    const file = await openCaptureStore(path.join(root, "store"), { mode: "write", maxCaptures: CAPTURES * 2, maxBytes: 2 ** 31 - 1 });
    try {
      const t = performance.now();
      await fill(pg, CAPTURES);
      note(`  filled PostgreSQL with ${fmt(CAPTURES)} captures in ${fmt((performance.now() - t) / 1000, 1)} s`);
      // What autovacuum does on its own shortly after a burst of inserts (the table asks for it at 2 % new rows).
      await vacuum(pgUrl, "bench_log");
      await fill(file, CAPTURES);
      const pgMs = await timeLog(pg);
      const fileMs = await timeLog(file);
      note(`  log -n 50 among ${fmt(CAPTURES)}: PostgreSQL ${fmt(pgMs, 2)} ms, file store (in-memory index) ${fmt(fileMs, 2)} ms`);
      ratioLine(BENCH, `log newest 50 of ${fmt(CAPTURES)}, PostgreSQL`, pgMs, "the 50 ms budget", 50, "ms", "≤", 1, 2);
    } finally {
      await pg.close();
      await file.close();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await server?.remove();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
