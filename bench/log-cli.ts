// Benchmark: `zoomhook log` (newest 50 of 10 000 captures) as a user runs it, against `zoomhook --version` (the CLI's start-up).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { filledStore } from "./lib/filled-store.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const N = Number(process.env.BENCH_N ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const BENCH = "log-cli";
const bin = fileURLToPath(new URL("../../bin/zoomhook.js", import.meta.url));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" };

function timeRun(args: string[], cwd: string): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`zoomhook ${args.join(" ")} exited ${code}: ${err.trim()}`));
      resolve({ ms: performance.now() - t, lines: out.split("\n").filter(Boolean).length });
    });
  });
}

async function main(): Promise<void> {
  const store = await filledStore(N);
  try {
    const log: number[] = [];
    const version: number[] = [];
    let lines = 0;
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < ROUNDS; i++) {
      version.push((await timeRun(["--version"], store.root)).ms);
      const r = await timeRun(["log", "--limit", "50", "--store", store.dir], store.root);
      log.push(r.ms);
      lines = r.lines;
    }
    if (lines < 50) throw new Error(`zoomhook log printed ${lines} lines, expected 50 and a footer`);
    note(`${BENCH}: \`zoomhook log --limit 50\` on ${fmt(N)} captures (${lines} lines printed); median of ${ROUNDS} spawned runs`);
    ratioLine(BENCH, "zoomhook log, newest 50", median(log), "zoomhook --version", median(version), "ms", "≤", 1.5, 1);
  } finally {
    await store.remove();
  }
}

await main();
