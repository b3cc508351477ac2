// Benchmark: signed-POST throughput of the receiver and of a full listen session (store + NDJSON), vs bare node:http.
import { fmt, median, note, ratioLine } from "./lib/report.js";
import { hammer } from "./lib/load.js";
import { signedMeetingStarted } from "./lib/payload.js";
import { spawnServer, type ServerProcess } from "./lib/servers.js";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 48);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BENCH = "receiver-throughput";

async function main(): Promise<void> {
  const req = signedMeetingStarted();
  const servers: ServerProcess[] = [];
  try {
    // Started once, then alternated: an idle server uses no CPU while another is measured.
    for (const kind of ["bare", "receiver", "listen"]) servers.push(await spawnServer(kind));
    const rates = new Map<string, number[]>(servers.map((s) => [s.kind, []]));
    let bad = 0;
    for (const s of servers) await hammer(s.url, req, { connections: CONNECTIONS, seconds: 1 }); // warm-up (JIT, store segment)
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of servers) {
        const r = await hammer(s.url, req, { connections: CONNECTIONS, seconds: SECONDS });
        rates.get(s.kind)!.push(r.rps);
        bad += r.bad;
      }
    }
    const bare = median(rates.get("bare")!);
    const receiver = median(rates.get("receiver")!);
    const listen = median(rates.get("listen")!);
    note(`receiver-throughput: ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS} s per server, alternating, medians; ${req.body.length}-byte signed meeting.started`);
    for (const [kind, list] of rates) note(`  ${kind.padEnd(8)} runs: ${list.map((v) => fmt(v)).join(", ")} req/s`);
    if (bad > 0) note(`  warning: ${bad} non-2xx answers or socket errors during the runs`, { bad });
    ratioLine(BENCH, "receiver throughput (verify)", receiver, "bare node:http", bare, "req/s", "≥", 0.6);
    ratioLine(BENCH, "listen throughput (verify + store + NDJSON)", listen, "bare node:http", bare, "req/s", "≥", 0.6);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

await main();
