// Benchmark: `zoomhook send --count 2000 --concurrency 32` deliveries per second vs autocannon's 32 connections to the same bare receiver.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composer } from "../src/sender/compose.js";
import { zoomProvider } from "../src/providers/zoom/index.js";
import { newRequestId, zoomHeaders } from "../src/providers/zoom/headers.js";
import { hammer } from "./lib/load.js";
import { BENCH_SECRET, signedMeetingStarted } from "./lib/payload.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";
import { spawnServer, type ServerProcess } from "./lib/servers.js";

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
const CONCURRENCY = 32;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BENCH = "send-throughput";
const bin = fileURLToPath(new URL("../../bin/zoomhook.js", import.meta.url));
const coldEntry = fileURLToPath(new URL("./lib/cannon-once.js", import.meta.url));

interface SendRun {
  /** deliveries/s as `send` reports it (its own delivery window). */
  rate: number;
  /** deliveries/s over the whole process lifetime, start-up included. */
  wallRate: number;
  ok: number;
}

function runSend(url: string, cwd: string): Promise<SendRun> {
  return new Promise((resolve, reject) => {
    const args = [bin, "send", "meeting.started", "--count", String(COUNT), "--concurrency", String(CONCURRENCY), "--to", url, "--json", "--secret", BENCH_SECRET];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ZOOMHOOK_STATE_DIR: path.join(cwd, "state") };
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    let err = "";
    // Keep only the end of stdout: the summary is the last line, after one line per delivery.
    child.stdout.on("data", (c: Buffer) => (tail = (tail + c.toString()).slice(-4096)));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      const wallMs = performance.now() - t;
      const line = tail.trimEnd().split("\n").at(-1) ?? "";
      try {
        const s = JSON.parse(line) as { type: string; ratePerSec: number; ok: number; sent: number };
        if (s.type !== "summary") throw new Error("no summary line");
        resolve({ rate: s.ratePerSec, wallRate: s.sent / (wallMs / 1000), ok: s.ok });
      } catch (e) {
        reject(new Error(`send exited ${code} without a summary line (${(e as Error).message}): ${err.trim().slice(0, 300)}`));
      }
    });
  });
}

/** A cold load run in its own process: autocannon, or bare undici requests. */
function runCold(client: "autocannon" | "undici", url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [coldEntry, client, url, String(COUNT), String(CONCURRENCY)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      try {
        const r = JSON.parse(out) as { rps: number; bad: number };
        if (r.bad > 0) throw new Error(`${r.bad} failed requests`);
        resolve(r.rps);
      } catch (e) {
        reject(new Error(`${client} run exited ${code}: ${(e as Error).message}`));
      }
    });
  });
}

/** µs to compose and sign one payload, as `send` does for every delivery. */
async function composeCost(): Promise<number> {
  const compose = await composer(zoomProvider, { event: "meeting.started", overrides: [] });
  const one = (i: number) => {
    const { body } = compose(i);
    return zoomHeaders({ body, secret: BENCH_SECRET, timestamp: Math.floor(Date.now() / 1000), requestId: newRequestId() });
  };
  for (let i = 0; i < 500; i++) one(i);
  const n = 5000;
  const t = performance.now();
  for (let i = 0; i < n; i++) one(i);
  return ((performance.now() - t) * 1000) / n;
}

async function main(): Promise<void> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "zoomhook-bench-send-"));
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer("bare");
    const req = signedMeetingStarted();
    const send: SendRun[] = [];
    const cannon: number[] = [];
    const warm: number[] = [];
    const undici: number[] = [];
    await hammer(server.url, req, { connections: CONCURRENCY, amount: COUNT }); // warm-up
    // `send` is a fresh process each time, so the baseline is too (cold JIT on both sides); warm figures are for reference.
    for (let i = 0; i < ROUNDS; i++) {
      send.push(await runSend(server.url, cwd));
      cannon.push(await runCold("autocannon", server.url));
      undici.push(await runCold("undici", server.url));
      warm.push((await hammer(server.url, req, { connections: CONCURRENCY, amount: COUNT })).rps);
    }
    const sendRate = median(send.map((r) => r.rate));
    const wallRate = median(send.map((r) => r.wallRate));
    const cannonRate = median(cannon);
    const undiciRate = median(undici);
    const warmRate = median(warm);
    note(`send-throughput: ${COUNT} deliveries, concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds, bare node:http receiver`);
    note(`  zoomhook send runs: ${send.map((r) => fmt(r.rate)).join(", ")} deliveries/s (${send.every((r) => r.ok === COUNT) ? "all 2xx" : "NOT all 2xx"})`);
    note(`  autocannon (fresh process) runs: ${cannon.map((r) => fmt(r)).join(", ")} req/s`);
    note(`  bare undici (fresh process) runs: ${undici.map((r) => fmt(r)).join(", ")} req/s`);
    note(`  autocannon (warm, in-process) runs: ${warm.map((r) => fmt(r)).join(", ")} req/s`);
    ratioLine(BENCH, "send throughput", sendRate, "autocannon (fresh process)", cannonRate, "req/s", "≥", 0.5);
    note(`send throughput vs warm in-process autocannon ${fmt(warmRate)} req/s → ratio ${(sendRate / warmRate).toFixed(2)} (no target)`);
    note(`bare undici requests (zoomhook's client, nothing else) reach ${fmt(undiciRate)} req/s → ratio ${(undiciRate / cannonRate).toFixed(2)} of autocannon: the client's own ceiling; send reaches ${(sendRate / undiciRate).toFixed(2)} of it`);
    note(`send throughput incl. process start-up: ${fmt(wallRate)} deliveries/s → ratio ${(wallRate / cannonRate).toFixed(2)} vs autocannon (no target)`);
    const perPayload = await composeCost();
    const perDelivery = 1e6 / sendRate;
    note(`compose + sign per payload: ${fmt(perPayload, 1)} µs vs ${fmt(perDelivery, 1)} µs per delivery (${((perPayload / perDelivery) * 100).toFixed(0)}% of it)`, { perPayloadUs: perPayload, perDeliveryUs: perDelivery });
  } finally {
    await server?.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

await main();
