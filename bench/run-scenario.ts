// Benchmark: a 1,000-step `send` scenario vs the same deliveries through sendEvents() directly; `run` start-up vs `send`'s.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario, runScenarios } from "../src/scenario/index.js";
import { sendEvents } from "../src/sender/send-events.js";
import { BENCH_SECRET } from "./lib/payload.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";
import { spawnServer } from "./lib/servers.js";

const BENCH = "run-scenario";
const STEPS = Number(process.env.BENCH_STEPS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STARTUP_ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 15);
const bin = fileURLToPath(new URL("../../bin/zoomhook.js", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "zoomhook-bench-run-"));

const cpuMs: Record<string, number[]> = { scenario: [], batch: [] };

/** Wall time; this process's CPU time goes to cpuMs[label] (steadier than wall time on a shared machine). */
async function timed(fn: () => Promise<unknown>, label?: string): Promise<number> {
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  if (label) cpuMs[label]!.push((d.user + d.system) / 1000);
  return wall;
}

function timeCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ZOOMHOOK_STATE_DIR: path.join(dir, "state"), ZOOM_WEBHOOK_SECRET_TOKEN: BENCH_SECRET };
    const t = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`zoomhook ${args.join(" ")} exited ${code}: ${err.trim()}`))));
  });
}

async function main(): Promise<void> {
  const server = await spawnServer("bare");
  try {
    const file = path.join(dir, "steps.yaml");
    const steps = Array.from({ length: STEPS }, (_, i) => `  - name: s${i}\n    send: meeting.started\n    expect: { status: 2xx }\n`).join("");
    writeFileSync(file, `name: bench\ntarget: ${server.url}\nsteps:\n${steps}`);
    const parseMs: number[] = [];
    const scenarioMs: number[] = [];
    const batchMs: number[] = [];
    const loopMs: number[] = [];
    const loaded = await loadScenario(file, {});
    const play = async () => {
      const r = await runScenarios([loaded], { secretFor: () => BENCH_SECRET });
      if (r.summary.passed !== STEPS) throw new Error(`only ${r.summary.passed} of ${STEPS} steps passed`);
    };
    const batch = async () => {
      const r = await sendEvents({ url: server.url, secret: BENCH_SECRET, event: "meeting.started", count: STEPS, keepRequests: true });
      if (r.summary.ok !== STEPS) throw new Error("not every delivery was answered 2xx");
    };
    const loop = async () => {
      for (let i = 0; i < STEPS; i++) await sendEvents({ url: server.url, secret: BENCH_SECRET, event: "meeting.started" });
    };
    await play();
    await batch();
    await loop(); // warm-up: JIT, fixtures, connections
    // The two measured sides alternate alone: parsing and the per-call loop leave garbage that would be collected inside them.
    for (let i = 0; i < ROUNDS; i++) {
      scenarioMs.push(await timed(play, "scenario"));
      batchMs.push(await timed(batch, "batch"));
    }
    for (let i = 0; i < ROUNDS; i++) {
      parseMs.push(await timed(() => loadScenario(file, {})));
      loopMs.push(await timed(loop));
    }
    note(`run-scenario: ${STEPS} send steps, ${ROUNDS} alternating rounds, bare node:http receiver in its own process`);
    note(`  scenario runs: ${scenarioMs.map((m) => fmt(m)).join(", ")} ms; sendEvents({count}) runs: ${batchMs.map((m) => fmt(m)).join(", ")} ms`);
    ratioLine(BENCH, `${STEPS}-step scenario`, median(scenarioMs), `sendEvents({ count: ${STEPS} })`, median(batchMs), "ms", "≤", 1.2);
    note(`${STEPS}-step scenario vs ${STEPS} separate sendEvents() calls ${fmt(median(loopMs))} ms → ratio ${(median(scenarioMs) / median(loopMs)).toFixed(2)} (no target)`);
    note(`client CPU time: scenario ${fmt(median(cpuMs.scenario!))} ms vs sendEvents({ count }) ${fmt(median(cpuMs.batch!))} ms → ratio ${(median(cpuMs.scenario!) / median(cpuMs.batch!)).toFixed(2)} (no target)`);
    note(`parsing and validating the ${STEPS}-step file: ${fmt(median(parseMs), 1)} ms (not in the ratio)`);

    const one = path.join(dir, "one.yaml");
    writeFileSync(one, "name: one\nsteps:\n  - send: meeting.started\n");
    const runArgs = ["run", one, "--to", server.url];
    const sendArgs = ["send", "meeting.started", "--to", server.url];
    await timeCli(runArgs);
    await timeCli(sendArgs);
    const runT: number[] = [];
    const sendT: number[] = [];
    for (let i = 0; i < STARTUP_ROUNDS; i++) {
      runT.push(await timeCli(runArgs));
      sendT.push(await timeCli(sendArgs));
    }
    ratioLine(BENCH, "run start-up (one send step)", median(runT), "zoomhook send", median(sendT), "ms", "≤", 1.5, 1);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
