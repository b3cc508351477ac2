// Spawning `zoomhook log --follow --json` in tests: collect its NDJSON and wait for lines.
import { spawn, type ChildProcess } from "node:child_process";
import { waitUntil } from "./child.js";
import { BIN, childEnv, parseJsonLines, type EnvPatch } from "./cli.js";

export interface Follower {
  child: ChildProcess;
  lines(): Array<Record<string, unknown>>;
  stderr(): string;
  /** Resolve once `count` lines have come since `from`. */
  waitForLines(from: number, count: number, timeoutMs?: number): Promise<Array<Record<string, unknown>>>;
  stop(): void;
}

/** Start following and wait until it is listening (its banner on stderr). */
export async function startFollower(store: string, cwd: string, env: EnvPatch): Promise<Follower> {
  const child = spawn(process.execPath, [BIN, "log", "--follow", "--json", "-n", "1", "--store", store], { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const w of waiters) w();
  };
  child.stdout.setEncoding("utf8").on("data", (d: string) => ((stdout += d), poke()));
  child.stderr.setEncoding("utf8").on("data", (d: string) => ((stderr += d), poke()));
  const dump = () => `\nstdout: ${stdout}\nstderr: ${stderr}`;
  await waitUntil(child, waiters, () => (stderr.includes("Following captures") ? true : undefined), "the follow banner", 15_000, dump);
  return {
    child,
    lines: () => parseJsonLines(stdout),
    stderr: () => stderr,
    waitForLines: (from, count, timeoutMs = 15_000) =>
      waitUntil(child, waiters, () => {
        const l = parseJsonLines(stdout).slice(from);
        return l.length >= count ? l : undefined;
      }, `${count} followed captures`, timeoutMs, dump),
    stop: () => void child.kill("SIGINT"),
  };
}
