// CPU time of a process (and optionally its children) from /proc: a cost that a busy machine does not distort.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** Milliseconds of CPU used so far by `pid`, plus its direct children when asked (PostgreSQL's backends). */
export function cpuMs(pid: number, withChildren = false): number {
  let total = stat(pid)?.ms ?? 0;
  if (!withChildren) return total;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s && s.ppid === pid) total += s.ms;
  }
  return total;
}

export const procAvailable = (() => {
  try {
    readFileSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
})();
