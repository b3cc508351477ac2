// Spawning the built CLI in tests: a clean environment, bounded waits, and every child killed at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { stopChild, waitUntil } from "./child.js";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../../bin/zoomhook.js", import.meta.url));

/** Variables that would leak the developer's own setup into a test. */
const SCRUBBED = ["ZOOM_WEBHOOK_SECRET_TOKEN", "NGROK_AUTHTOKEN", "NGROK_DOMAIN", "ZOOMHOOK_STORE", "ZOOMHOOK_STATE_DIR", "FORCE_COLOR", "NODE_OPTIONS", "PGPASSWORD", "PGSSLMODE", "PGUSER", "PGHOST", "PGPORT", "PGDATABASE"];

export type EnvPatch = Record<string, string | undefined>;

export function childEnv(patch: EnvPatch = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of SCRUBBED) delete env[k];
  env.NO_COLOR = "1";
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** Kill whatever is still running (for `after` hooks). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: EnvPatch;
  cwd?: string;
  input?: string | Buffer;
  timeoutMs?: number;
}

/** Run `zoomhook <args>` to completion (killed, and the test failed, past timeoutMs). */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`zoomhook ${args.join(" ")} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

export interface ListenerHandle {
  child: ChildProcess;
  ready: Record<string, unknown> & { localUrl: string; pid: number; publicUrl: string | null };
  /** Every NDJSON line parsed so far (the ready line first). */
  lines: Array<Record<string, unknown>>;
  stderr(): string;
  /** Resolve with the first line (seen so far or later) that matches, within timeoutMs. */
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Send a signal and wait (bounded) for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<CliResult & { elapsedMs: number }>;
}

/** Start `zoomhook listen --json <args>` and wait (bounded) for its ready line. */
export function startListener(args: string[], options: { env?: EnvPatch; cwd?: string; readyTimeoutMs?: number } = {}): Promise<ListenerHandle> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const child = spawn(process.execPath, [BIN, "listen", "--json", ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let stdout = "";
  let stderr = "";
  let partial = "";
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      children.delete(child);
      for (const w of waiters) w();
      resolve({ code, signal });
    }),
  );
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    partial += d;
    let nl;
    while ((nl = partial.indexOf("\n")) !== -1) {
      const text = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      // A stdout line that is not JSON breaks the --json contract: keep it visible for assertions.
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        lines.push({ type: "__not_json__", text });
      }
    }
    for (const w of waiters) w();
  });

  const dump = () => `\nstdout: ${stdout}\nstderr: ${stderr}`;
  const waitForLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 15_000) =>
    waitUntil(child, waiters, () => lines.find(match), "the expected line", timeoutMs, dump);
  const stop = async (signal: NodeJS.Signals = "SIGINT", timeoutMs = 10_000) => ({
    ...(await stopChild(child, exited, signal, timeoutMs, dump)),
    stdout,
    stderr,
  });

  return waitForLine((l) => l.type === "ready", readyTimeoutMs).then(
    (ready) => ({
      child,
      ready: ready as ListenerHandle["ready"],
      lines,
      stderr: () => stderr,
      waitForLine,
      stop,
    }),
    (err: unknown) => {
      child.kill("SIGKILL");
      throw err;
    },
  );
}

export interface World {
  root: string;
  cwd: string;
  stateDir: string;
  store: string;
  /** Environment patch pointing zoomhook at this world's state dir. */
  env: EnvPatch;
  /** `listen` arguments that never touch fixed ports, the tunnel, or the real store. */
  listenArgs: string[];
  cleanup(): void;
}

/** A private temp directory tree for one test file: cwd, state dir (listener registry) and store. */
export function makeWorld(prefix = "zoomhook-e2e-"): World {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const cwd = join(root, "cwd");
  const stateDir = join(root, "state");
  const store = join(root, "store");
  for (const d of [cwd, stateDir]) mkdirSync(d, { recursive: true });
  return {
    root,
    cwd,
    stateDir,
    store,
    env: { ZOOMHOOK_STATE_DIR: stateDir },
    listenArgs: ["--no-tunnel", "--port", "0", "--inspect-port", "0", "--store", store],
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function parseJsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
