// Runs every benchmark in this directory (each in its own process, with a time limit) and tabulates ratios vs targets.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
// The verdict line the ratio benchmarks print; other benches' lines with a ratio (and maybe a target) are read loosely.
const VERDICT = /^(.+?): .* → ratio ([\d.]+) \(target ([≥≤]) ([\d.]+)\) (PASS|MISS)$/;
const LOOSE_RATIO = /ratio[^\d]{0,30}?([\d]+\.[\d]+|[\d]+)x?/;
const LOOSE_TARGET = /target\s*(>=|≥|<=|≤)\s*([\d.]+)/;

interface Row {
  bench: string;
  what: string;
  ratio: string;
  target: string;
  verdict: string;
}

function runOne(file: string, rows: Row[]): Promise<void> {
  const bench = file.replace(/\.js$/, "");
  return new Promise((resolve) => {
    process.stdout.write(`\n── ${bench} ${"─".repeat(Math.max(0, 60 - bench.length))}\n`);
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(here, file)], { stdio: ["ignore", "pipe", "inherit"] });
    let pending = "";
    const onLine = (line: string) => {
      process.stdout.write(`${line}\n`);
      const v = VERDICT.exec(line);
      if (v) return void rows.push({ bench, what: v[1]!, ratio: v[2]!, target: `${v[3]} ${v[4]}`, verdict: v[5]! });
      const l = LOOSE_RATIO.exec(line);
      if (!l || line.includes("(no target)")) return;
      const what = line.trim().split(/[:(]/)[0]!.trim().slice(0, 60);
      const t = LOOSE_TARGET.exec(line);
      if (!t) return void rows.push({ bench, what, ratio: l[1]!, target: "—", verdict: "info" });
      const op = t[1]!.startsWith(">") || t[1] === "≥" ? "≥" : "≤";
      const ratio = Number(l[1]);
      const pass = op === "≥" ? ratio >= Number(t[2]) : ratio <= Number(t[2]);
      rows.push({ bench, what, ratio: l[1]!, target: `${op} ${t[2]}`, verdict: pass ? "PASS" : "MISS" });
    };
    child.stdout.on("data", (c: Buffer) => {
      const lines = (pending + c.toString()).split("\n");
      pending = lines.pop()!;
      lines.forEach(onLine);
    });
    const timer = setTimeout(() => {
      rows.push({ bench, what: `timed out after ${TIMEOUT_MS / 1000} s`, ratio: "—", target: "—", verdict: "ERROR" });
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (pending) onLine(pending);
      if (code !== 0 && !signal) rows.push({ bench, what: `exited with code ${code}`, ratio: "—", target: "—", verdict: "ERROR" });
      process.stdout.write(`(${bench}: ${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  const self = path.basename(fileURLToPath(import.meta.url));
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".js") && f !== self)
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const rows: Row[] = [];
  for (const f of files) await runOne(f, rows);
  const head: Row = { bench: "bench", what: "measure", ratio: "ratio", target: "target", verdict: "result" };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  process.stdout.write("\n");
  for (const r of all) {
    process.stdout.write(`${r.bench.padEnd(w("bench"))}  ${r.what.padEnd(w("what"))}  ${r.ratio.padStart(w("ratio"))}  ${r.target.padEnd(w("target"))}  ${r.verdict}\n`);
  }
  const miss = rows.filter((r) => r.verdict === "MISS").length;
  const errors = rows.filter((r) => r.verdict === "ERROR").length;
  process.stdout.write(`\n${rows.filter((r) => r.verdict === "PASS").length} pass, ${miss} miss, ${errors} error (benchmarks report; they do not gate)\n`);
}

await main();
