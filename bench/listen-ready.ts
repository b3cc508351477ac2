// Benchmark: spawn → NDJSON ready line of `listen` with the tunnel (fake ngrok edge), vs `listen --no-tunnel` and `node -e 0`.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeNgrokEdge } from "../test/support/fake-ngrok-edge.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const BENCH = "listen-ready";
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 1000;
const BIN = fileURLToPath(new URL("../../bin/zoomhook.js", import.meta.url));

/** Milliseconds from spawn to the first stdout line containing `marker` (or to exit when marker is null); then the child is stopped. */
function timeToMarker(args: string[], env: NodeJS.ProcessEnv, cwd: string, marker: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let at: number | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no ready line within 30 s\nstdout: ${out}\nstderr: ${err}`));
    }, 30_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (marker && at === undefined && out.includes(marker)) {
        at = performance.now() - started;
        child.kill("SIGINT");
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (marker === null) return code === 0 ? resolve(performance.now() - started) : reject(new Error(`exit ${code}: ${err}`));
      if (at === undefined) return reject(new Error(`exited (${code}) before the ready line\nstdout: ${out}\nstderr: ${err}`));
      // A clean stop matters too: a ready time from a process that then crashes (e.g. 134) is not a result.
      if (code !== 0) return reject(new Error(`listen exited ${code} after SIGINT\nstderr: ${err}`));
      resolve(at);
    });
  });
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "zoomhook-bench-ready-"));
  const edge = await startFakeNgrokEdge();
  try {
    const cwd = join(root, "cwd");
    mkdirSync(cwd, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ZOOMHOOK_STATE_DIR: join(root, "state"), NGROK_AUTHTOKEN: "bench-token", ...edge.env };
    for (const k of ["ZOOM_WEBHOOK_SECRET_TOKEN", "NGROK_DOMAIN", "ZOOMHOOK_STORE", "NODE_OPTIONS", "FORCE_COLOR"]) delete env[k];
    const listen = (i: number, extra: string[]) => [BIN, "listen", "--json", "--port", "0", "--inspect-port", "0", "--store", join(root, `store-${i}`), ...extra];
    const times = { tunnel: [] as number[], local: [] as number[], node: [] as number[] };
    // Warm-up (disk cache, native module load), then interleaved so load drift hits all three alike.
    await timeToMarker(listen(0, []), env, cwd, '"type":"ready"');
    for (let i = 1; i <= RUNS; i++) {
      times.tunnel.push(await timeToMarker(listen(i, []), env, cwd, '"type":"ready"'));
      times.local.push(await timeToMarker(listen(i, ["--no-tunnel"]), env, cwd, '"type":"ready"'));
      times.node.push(await timeToMarker(["-e", "0"], env, cwd, null));
    }
    const tunnel = median(times.tunnel);
    const local = median(times.local);
    const node = median(times.node);
    note(`runs: ${RUNS} each; medians — tunnel ${fmt(tunnel)} ms, --no-tunnel ${fmt(local)} ms, node -e 0 ${fmt(node)} ms`, { tunnel, local, node, runs: RUNS });
    note(`tunnel min/max: ${fmt(Math.min(...times.tunnel))}/${fmt(Math.max(...times.tunnel))} ms; edge connections: ${edge.connectionCount}`);
    ratioLine(BENCH, "listen ready with tunnel vs --no-tunnel", tunnel, "--no-tunnel", local, "ms", "≤", 3);
    ratioLine(BENCH, "listen ready with tunnel vs node -e 0", tunnel, "node -e 0", node, "ms", "≤", 20);
    ratioLine(BENCH, "listen ready with tunnel (absolute, vs 1 s)", tunnel, "1 s budget", TARGET_MS, "ms", "≤", 1);
  } finally {
    await edge.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
