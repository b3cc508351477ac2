// The app under test: started from a shell command, awaited until it answers, watched, and stopped with everything it started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { networkError, ZoomhookError } from "../shared/errors.js";

export interface AppOptions {
  command: string;
  /** A URL that answers (any status) once the app is ready. */
  readyUrl?: string;
  /** Otherwise: a port that accepts connections once the app is ready. */
  port?: { host: string; port: number };
  readyTimeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface AppHandle {
  pid: number;
  /** Everything the app wrote to stdout and stderr, interleaved (the last 64 KiB). */
  output(): string;
  /** Aborted when the app exits before stop() was called; the reason says how ("the app … exited with code 1"). */
  signal: AbortSignal;
  stop(): Promise<void>;
}

const KEEP = 64 * 1024;

export async function startApp(options: AppOptions): Promise<AppHandle> {
  // Its own process group, so stop() reaches what the shell started (npm start → node …), not just the shell.
  const child = spawn(options.command, { shell: true, detached: true, cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const take = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > KEEP * 2) output = output.slice(-KEEP);
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const controller = new AbortController();
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    // "exit", not "close": a background child of the app may hold its output pipes open long after.
    child.on("exit", (code, signal) => {
      if (!stopping) controller.abort(`the app (${options.command}) exited ${signal ? `on ${signal}` : `with code ${code}`}`);
      resolve();
    });
    child.on("error", (err) => {
      controller.abort(`the app could not start: ${err.message}`);
      resolve();
    });
  });
  const handle: AppHandle = {
    pid: child.pid ?? -1,
    output: () => (output.length > KEEP ? output.slice(-KEEP) : output),
    signal: controller.signal,
    stop: async () => {
      stopping = true;
      await stopGroup(child, exited);
    },
  };
  try {
    await waitReady(options, controller.signal);
  } catch (err) {
    await handle.stop();
    // The caller shows what the app said: the reason it never came up is usually there.
    if (err instanceof ZoomhookError) throw new ZoomhookError(err.code, err.message, err.exitCode, { hint: err.hint, details: { output: handle.output() } });
    throw err;
  }
  return handle;
}

async function waitReady(options: AppOptions, exitedSignal: AbortSignal): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = performance.now() + timeoutMs;
  const what = options.readyUrl ?? (options.port ? `${options.port.host}:${options.port.port}` : "");
  while (!(await probe(options))) {
    if (exitedSignal.aborted) {
      throw networkError("app_exited", `The app exited before it was ready: ${String(exitedSignal.reason)}.`, { hint: "Its output is shown above." });
    }
    if (performance.now() > deadline) {
      throw networkError("app_not_ready", `The app was not ready within ${timeoutMs} ms: nothing answered at ${what}.`, {
        hint: "Its output is shown above. Check --app-ready (or the port in --to / --forward-to), or give it longer with --app-timeout.",
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function probe(options: AppOptions): Promise<boolean> {
  if (options.readyUrl) {
    const { postRaw } = await import("../http/client.js");
    try {
      await postRaw(options.readyUrl, { method: "GET", body: "", headers: {}, timeoutMs: 1000 });
      return true;
    } catch {
      return false;
    }
  }
  const { host, port } = options.port!;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** SIGTERM to the whole group, SIGKILL after 5 s; resolves once the shell has gone and the group is empty. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === "win32") {
    // No process groups or SIGTERM on Windows: taskkill ends the tree the shell started.
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    await exited;
    return;
  }
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // ESRCH: the group is already empty
    }
  };
  signalGroup("SIGTERM");
  const killer = setTimeout(() => signalGroup("SIGKILL"), 5000);
  await exited;
  // The shell may be gone while a grandchild lingers in the group: wait for it too, then make sure.
  const deadline = performance.now() + 5000;
  while (groupAlive(pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearTimeout(killer);
  if (groupAlive(pid)) signalGroup("SIGKILL");
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
