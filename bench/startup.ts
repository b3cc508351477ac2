// Benchmark: CLI start-up wall time (--version, --help, offline crc) vs `node -e 0`, and which heavy modules they load.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const BENCH = "startup";
const bin = fileURLToPath(new URL("../../bin/zoomhook.js", import.meta.url));
const importLog = fileURLToPath(new URL("./lib/import-log.js", import.meta.url));

interface Case {
  name: string;
  args: string[];
  target?: number;
}

const cases: Case[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "zoomhook --version", args: [bin, "--version"], target: 1.3 },
  { name: "zoomhook crc (offline)", args: [bin, "crc", "--token", "X", "--secret", "s"], target: 1.5 },
  { name: "zoomhook --help", args: [bin, "--help"] },
];

// A clean environment: no NODE_OPTIONS from the caller, no colour probing differences, no .env in cwd.
const cwd = mkdtempSync(path.join(os.tmpdir(), "zoomhook-bench-startup-"));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" };

function timeRun(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extraEnv }, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited ${code}: ${err.trim()}`));
      resolve({ ms: performance.now() - t, code });
    });
  });
}

/** The module URLs a run resolves, recorded by a resolve hook (covers static and dynamic imports). */
async function loadedModules(args: string[]): Promise<string[]> {
  const log = path.join(cwd, `imports-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  await timeRun(["--import", importLog, ...args], { ZOOMHOOK_BENCH_IMPORT_LOG: log });
  try {
    return readFileSync(log, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

const heavy = (urls: string[]) => {
  const found = new Set<string>();
  for (const u of urls) {
    if (u.includes("/node_modules/undici/")) found.add("undici");
    if (u.includes("/node_modules/@ngrok/")) found.add("@ngrok/ngrok");
    if (u.includes("/node_modules/pg/")) found.add("pg");
  }
  return [...found];
};

async function main(): Promise<void> {
  try {
    const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (const c of cases) await timeRun(c.args); // warm the file cache
    for (let i = 0; i < ROUNDS; i++) {
      for (const c of cases) times.get(c.name)!.push((await timeRun(c.args)).ms);
    }
    const base = median(times.get("node -e 0")!);
    note(`startup: ${ROUNDS} alternating runs each, median wall time of spawn → exit`);
    for (const c of cases) note(`  ${c.name.padEnd(24)} median ${fmt(median(times.get(c.name)!), 1)} ms (min ${fmt(Math.min(...times.get(c.name)!), 1)})`);
    for (const c of cases.slice(1)) {
      const m = median(times.get(c.name)!);
      if (c.target) ratioLine(BENCH, `${c.name} start-up`, m, "node -e 0", base, "ms", "≤", c.target, 1);
      else note(`${c.name} start-up: ${fmt(m, 1)} ms vs node -e 0 ${fmt(base, 1)} ms → ratio ${(m / base).toFixed(2)} (no target)`);
    }

    // The hook must see a heavy import when there is one, or a clean result below would mean nothing.
    const control = heavy(await loadedModules(["--input-type=module", "-e", `await import(${JSON.stringify(path.join(path.dirname(bin), "..", "dist/src/http/client.js"))})`]));
    const controlOk = control.includes("undici");
    note(`lazy loading: control run importing the HTTP client ${controlOk ? "is seen loading undici (detection works)" : "was NOT seen loading undici: detection is broken"}`);
    for (const c of cases.slice(1)) {
      const found = heavy(await loadedModules(c.args));
      const ok = found.length === 0 && controlOk;
      note(`lazy loading: ${c.name} loads ${found.length ? found.join(", ") : "none of undici, @ngrok/ngrok, pg"} ${ok ? "PASS" : "MISS"}`, { command: c.name, heavy: found, pass: ok });
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

await main();
