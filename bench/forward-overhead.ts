// Benchmark: sequential keep-alive latency (p50, p99) of signed POSTs to an app directly vs through zoomhook forwarding to it.
import http from "node:http";
import { fmt, note, percentile, ratioLine } from "./lib/report.js";
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

interface PathStats {
  n: number;
  p50: number;
  p99: number;
}

/** Sequential POSTs on one keep-alive socket per path, in alternating batches; p50/p99 per path. */
async function measure(paths: Array<{ name: string; url: string }>, req: SignedRequest, perPath: number, batch: number): Promise<PathStats[]> {
  const agents = paths.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const samples = paths.map(() => [] as number[]);
  for (const [i, s] of paths.entries()) for (let k = 0; k < 100; k++) await post(agents[i]!, new URL(s.url), req); // warm-up
  const deadline = performance.now() + 40_000;
  for (let done = 0; done < perPath && performance.now() < deadline; done += batch) {
    for (const [i, s] of paths.entries()) {
      const url = new URL(s.url);
      for (let k = 0; k < batch; k++) samples[i]!.push(await post(agents[i]!, url, req));
    }
  }
  for (const a of agents) a.destroy();
  return samples.map((list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { n: list.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}

async function main(): Promise<void> {
  const req = signedMeetingStarted();
  const started: ServerProcess[] = [];
  const spawn = async (kind: string, target?: string) => (started[started.push(await spawnServer(kind, target)) - 1]!).url;
  try {
    // 1. An app that answers at once: the ratio is all hop, so report the overhead in µs too.
    const instant = await spawn("bare");
    const paths = [
      { name: "direct", url: instant },
      { name: "bare proxy → app", url: await spawn("bare-proxy", instant) },
      { name: "receiver → app", url: await spawn("forward", instant) },
      { name: "listen → app", url: await spawn("listen-forward", instant) },
    ];
    const stats = await measure(paths, req, PER_PATH, BATCH);
    note(`forward-overhead: sequential POSTs on one keep-alive socket per path, batches of ${BATCH} alternating`);
    note("  app answers at once:");
    for (const [i, s] of paths.entries()) note(`    ${s.name.padEnd(16)} n=${stats[i]!.n}  p50 ${fmt(stats[i]!.p50 * 1000)} µs  p99 ${fmt(stats[i]!.p99 * 1000)} µs`);
    const d = stats[0]!;
    note(`  a minimal undici proxy (no verify, no capture) already costs ${(stats[1]!.p50 / d.p50).toFixed(2)}× direct at p50: the extra hop`);
    for (const i of [2, 3]) {
      const s = stats[i]!;
      note(`forward p50 overhead (${paths[i]!.name}, instant app): +${fmt((s.p50 - d.p50) * 1000)} µs (${(s.p50 / d.p50).toFixed(2)}× direct, ${(s.p50 / stats[1]!.p50).toFixed(2)}× the minimal proxy; no target)`);
    }
    // 2. An app that takes 2 ms per webhook, like one that writes a row: the ratio the target speaks of.
    const app = await spawn("app", "2");
    const real = [
      { name: "direct", url: app },
      { name: "receiver → app", url: await spawn("forward", app) },
      { name: "listen → app", url: await spawn("listen-forward", app) },
    ];
    const rs = await measure(real, req, Math.min(PER_PATH, 600), 100);
    note("  app takes 2 ms per webhook:");
    for (const [i, s] of real.entries()) note(`    ${s.name.padEnd(16)} n=${rs[i]!.n}  p50 ${fmt(rs[i]!.p50 * 1000)} µs  p99 ${fmt(rs[i]!.p99 * 1000)} µs`);
    for (const i of [1, 2]) ratioLine(BENCH, `forward p50 (${real[i]!.name}, 2 ms app)`, rs[i]!.p50 * 1000, "direct", rs[0]!.p50 * 1000, "µs", "≤", 1.3);
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

await main();
