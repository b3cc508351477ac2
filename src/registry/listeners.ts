// The per-user registry of live listeners: one small file per running `listen`, removed on exit.
import { createHmac } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { processStartMark, recordedProcessRuns } from "../shared/process-identity.js";
import { stateDir } from "./state-dir.js";

export interface ListenerEntry {
  pid: number;
  /** Whose webhooks it takes; absent in entries written before providers existed: Zoom. */
  provider?: string;
  cwd: string;
  startedAt: string;
  localUrl: string;
  publicUrl: string | null;
  inspectorUrl: string | null;
  /** Loopback URL of the listener's control endpoint (clear, status), guarded by controlToken. */
  controlUrl: string | null;
  controlToken: string | null;
  /** HMAC fingerprint of the secret — never the secret. Null when listening without one. */
  secretFingerprint: string | null;
  /**
   * The secret this listener made up for its session because none was set, so that `send`, `crc` and
   * `replay` aimed at it can sign. Only here, in a 0600 file in a 0700 per-user directory; never printed.
   */
  devSecret?: string | null;
  store: string | null;
  ready: boolean;
  /** processStartMark(pid) at registration: tells the listener from a later process given its pid. */
  procStart?: string;
}

/** Entry files this process wrote: an entry naming our own pid but not written by us is a previous process's. */
const writtenHere = new Set<string>();

/** A short, non-reversible fingerprint so `send` can warn when its secret differs from the listener's. */
export function secretFingerprint(secret: string | undefined): string | null {
  if (!secret) return null;
  return createHmac("sha256", "zoomhook secret fingerprint v1").update(secret).digest("hex").slice(0, 12);
}

function listenersDir(env?: NodeJS.ProcessEnv): string {
  return join(stateDir(env), "listeners");
}

/** Write (or rewrite) this process's entry atomically; the file is 0600 (it holds the control token). */
export function registerListener(entry: ListenerEntry, env?: NodeJS.ProcessEnv): () => void {
  const dir = listenersDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${entry.pid}.json`);
  const tmp = `${file}.${process.hrtime.bigint()}.tmp`;
  const procStart = entry.pid === process.pid ? processStartMark(process.pid) : undefined;
  writeFileSync(tmp, JSON.stringify(procStart ? { ...entry, procStart } : entry), { mode: 0o600 });
  renameSync(tmp, file);
  writtenHere.add(file);
  return () => {
    writtenHere.delete(file);
    rmSync(file, { force: true });
  };
}

/** Live listeners, newest first; entries of dead processes are removed on the way. */
export function liveListeners(env?: NodeJS.ProcessEnv): ListenerEntry[] {
  const dir = listenersDir(env);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: ListenerEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    const file = join(dir, name);
    let entry: ListenerEntry;
    try {
      entry = JSON.parse(readFileSync(file, "utf8")) as ListenerEntry;
    } catch {
      continue; // being written, or foreign: leave it
    }
    if (!recordedProcessRuns(entry.pid, entry.procStart, writtenHere.has(file))) {
      rmSync(file, { force: true });
      continue;
    }
    out.push(entry);
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export interface Resolved {
  entry: ListenerEntry;
  /** "cwd" when started in this directory, "newest" otherwise (name it on stderr). */
  how: "cwd" | "newest";
}

/** The listener started in `cwd`, else the newest live one. */
export function findListener(cwd: string, env?: NodeJS.ProcessEnv, options: { readyOnly?: boolean } = {}): Resolved | undefined {
  const all = liveListeners(env).filter((e) => !options.readyOnly || e.ready);
  const here = resolve(cwd);
  const mine = all.find((e) => resolve(e.cwd) === here);
  if (mine) return { entry: mine, how: "cwd" };
  return all[0] ? { entry: all[0], how: "newest" } : undefined;
}

/**
 * Drop entries whose listener no longer answers: its control port refuses connections (the process
 * is gone, or the pid now belongs to something else where start times cannot be read). A slow
 * answer is not a refusal; such entries stay.
 */
export async function pruneSilentListeners(env?: NodeJS.ProcessEnv, timeoutMs = 1000): Promise<void> {
  const dir = listenersDir(env);
  await Promise.all(
    liveListeners(env).map(async (entry) => {
      if (entry.pid === process.pid || !entry.controlUrl) return;
      if (await refuses(entry.controlUrl, timeoutMs)) rmSync(join(dir, `${entry.pid}.json`), { force: true });
    }),
  );
}

function refuses(url: string, timeoutMs: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: u.hostname, port: Number(u.port) });
    const finish = (refused: boolean) => {
      socket.destroy();
      done(refused);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(false));
    socket.once("error", (err: NodeJS.ErrnoException) => finish(err.code === "ECONNREFUSED"));
  });
}
