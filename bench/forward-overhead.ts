// Benchmark: sequential keep-alive latency (p50, p99) of signed POSTs to an app directly vs through zoomhook forwarding to it.
import http from "node:http";
import { fmt, median, note, percentile, ratioLine } from "./lib/report.js";
import { signedMeetingStarted, type SignedRequest } from "./lib/payload.js";
import { spawnServer, type ServerProcess } from "./lib/servers.js";

const PER_PATH = Number(process.env.BENCH_REQUESTS ?? 3000);
const BATCH = Number(process.env.BENCH_BATCH ?? 250);
const BENCH = "forward-overhead";

/** One POST on a kept-alive socket; resolves with the round-trip time in ms. */
function post(agent: http.Agent, url: URL, req: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const r = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...req.headers, "content-length": req.body.length }, timeout: 10_000 },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`status ${res.statusCode} from ${url.href}`))));
      },
    );
    r.on("timeout", () => r.destroy(new Error(`no answer from ${url.href} within 10 s`)));
    r.on("error", reject);
    r.end(req.body);
  });
}

async function main(): Promise<void> {
  const req = signedMeetingStarted();
  const started: ServerProcess[] = [];
  try {
    const app = await spawnServer("bare");
    started.push(app);
    const subjects = [
      { name: "direct", url: app.url },
      { name: "bare proxy → app", url: (started[started.push(await spawnServer("bare-proxy", app.url)) - 1]!).url },
      { name: "receiver → app", url: (started[started.push(await spawnServer("forward", app.url)) - 1]!).url },
      { name: "listen → app", url: (started[started.push(await spawnServer("listen-forward", app.url)) - 1]!).url },
    ];
    const agents = subjects.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const samples = subjects.map(() => [] as number[]);
    for (const [i, s] of subjects.entries()) for (let k = 0; k < 200; k++) await post(agents[i]!, new URL(s.url), req); // warm-up
    const deadline = performance.now() + 45_000;
    for (let done = 0; done < PER_PATH && performance.now() < deadline; done += BATCH) {
      for (const [i, s] of subjects.entries()) {
        const url = new URL(s.url);
        for (let k = 0; k < BATCH; k++) samples[i]!.push(await post(agents[i]!, url, req));
      }
    }
    for (const a of agents) a.destroy();
    const stats = samples.map((list) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { n: list.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), med: median(list) };
    });
    note(`forward-overhead: sequential POSTs on one keep-alive socket per path, batches of ${BATCH} alternating; app answers 200 at once`);
    for (const [i, s] of subjects.entries()) note(`  ${s.name.padEnd(16)} n=${stats[i]!.n}  p50 ${fmt(stats[i]!.p50 * 1000)} µs  p99 ${fmt(stats[i]!.p99 * 1000)} µs`);
    const d = stats[0]!;
    const floor = stats[1]!;
    note(`  a minimal undici proxy (no verify, no capture) already costs ${(floor.p50 / d.p50).toFixed(2)}× direct at p50: the extra hop's share of the ratio`);
    for (const i of [2, 3]) {
      const s = stats[i]!;
      ratioLine(BENCH, `forward p50 (${subjects[i]!.name})`, s.p50 * 1000, "direct", d.p50 * 1000, "µs", "≤", 1.3);
      note(`forward p99 (${subjects[i]!.name}): ${fmt(s.p99 * 1000)} µs vs direct ${fmt(d.p99 * 1000)} µs → ratio ${(s.p99 / d.p99).toFixed(2)} (no target)`);
      note(`forward p50 (${subjects[i]!.name}) vs the minimal proxy: ${fmt(s.p50 * 1000)} / ${fmt(floor.p50 * 1000)} µs → ratio ${(s.p50 / floor.p50).toFixed(2)} (no target)`);
    }
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

await main();
