// One listener per store: an exclusive lock file naming its owner; a lock left by a dead process is taken over.
// The owner is named by pid and start time, so a stale lock whose pid was reused (a container's pid 1
// after a SIGKILL) is recognised as stale.
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { configError } from "../shared/errors.js";
import { processStartMark, recordedProcessRuns } from "../shared/process-identity.js";
import { DIR_MODE, FILE_MODE, LOCK_FILE } from "./layout.js";

export interface LockOwner {
  pid: number;
  hostname: string;
  token: string;
  startedAt: string;
  /** processStartMark(pid) when the lock was taken, where the system provides one. */
  procStart?: string;
}

/** Tokens of the locks this process holds: a lock naming our own pid is ours only if its token is here. */
const heldHere = new Set<string>();

export async function readLockOwner(dir: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** A process on another machine (a shared directory) cannot be checked, so it counts as alive. */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true;
  return recordedProcessRuns(owner.pid, owner.procStart, heldHere.has(owner.token));
}

function lockedError(dir: string, owner: LockOwner) {
  const where = owner.hostname === os.hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.hostname}`;
  return configError("store_locked", `Another zoomhook listener (${where}) is using the capture store ${dir}.`, {
    hint: `Stop that listener (Ctrl+C in its terminal, or kill ${owner.pid}), or give this one its own store with --store <dir>.`,
    details: { dir, pid: owner.pid, hostname: owner.hostname },
  });
}

// The lock content is written to a private temp file and hard-linked into place, so the lock file
// appears complete or not at all; file systems without hard links fall back to an exclusive create.
async function placeLock(tmp: string, lockPath: string, content: string): Promise<void> {
  try {
    await fs.link(tmp, lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV") throw error;
    await fs.writeFile(lockPath, content, { flag: "wx", mode: FILE_MODE });
  }
}

export async function acquireStoreLock(dir: string): Promise<{ release(): Promise<void> }> {
  const abs = path.resolve(dir);
  const created = await fs.mkdir(abs, { recursive: true, mode: DIR_MODE });
  if (created !== undefined) await fs.chmod(abs, DIR_MODE).catch(() => {});
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), token: randomUUID(), startedAt: new Date().toISOString() };
  const procStart = processStartMark(process.pid);
  if (procStart) me.procStart = procStart;
  const content = JSON.stringify(me);
  const lockPath = path.join(abs, LOCK_FILE);
  const tmp = `${lockPath}.${process.pid}.${me.token.slice(0, 8)}.tmp`;
  await fs.writeFile(tmp, content, { mode: FILE_MODE });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await placeLock(tmp, lockPath, content);
        heldHere.add(me.token);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = await readLockOwner(abs);
      if (owner && isOwnerAlive(owner)) throw lockedError(abs, owner);
      if (attempt >= 3) throw lockedError(abs, owner ?? { ...me, pid: 0 });
      // Dead owner (or an unreadable lock): take it over.
      await fs.rm(lockPath, { force: true });
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(me.token);
      const owner = await readLockOwner(abs);
      if (owner?.token === me.token) await fs.rm(lockPath, { force: true });
    },
  };
}
