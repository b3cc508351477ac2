// Telling a process from a later one that got the same pid: its start time, where the system says it.
import { readFileSync } from "node:fs";

/**
 * An opaque mark of when process `pid` started (Linux: boot id + start time in clock ticks, from
 * /proc), or undefined where that cannot be read. Equal marks mean the same process; a pid alone
 * does not, since pids are reused (in a container the listener is often pid 1 on every start).
 */
export function processStartMark(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = fields[19];
    if (!startTicks || !/^\d+$/.test(startTicks)) return undefined;
    return `${bootId()}:${startTicks}`;
  } catch {
    return undefined;
  }
}

let boot: string | undefined;
function bootId(): string {
  if (boot === undefined) {
    try {
      boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    } catch {
      boot = "";
    }
  }
  return boot;
}

/** True while process `pid` runs (EPERM: it runs as someone else). */
export function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process a record names (pid + the mark it wrote) still runs. A record that names this
 * very pid is only ours if this process wrote it (`mine`): otherwise a previous process with the same pid did.
 */
export function recordedProcessRuns(pid: number, mark: string | undefined, mine: boolean): boolean {
  if (pid === process.pid) return mine;
  if (!pidRuns(pid)) return false;
  if (mark === undefined) return true;
  const now = processStartMark(pid);
  return now === undefined || now === mark;
}
