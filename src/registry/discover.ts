// The one rule every command uses to pick a listener: the one started in this directory (waited for, when a
// wait is asked for), else the newest live one (the caller names it on stderr); and where captures are read.
import { resolve } from "node:path";
import { findListener, type Resolved } from "./listeners.js";

/** Poll until a ready listener started in `cwd` appears or `waitMs` passes; then fall back to the newest. */
export async function waitForListener(cwd: string, env: NodeJS.ProcessEnv | undefined, waitMs: number, pollMs = 100): Promise<Resolved | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = findListener(cwd, env, { readyOnly: true });
    // Another directory's listener does not end the wait: the one being started here is what scripts want.
    if (found?.how === "cwd" || Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface StoreChoice {
  dir: string;
  /** The listener whose store this is, when it was chosen by the rule rather than given. */
  listener?: Resolved;
}

/**
 * Where capture-reading commands (log, show, export, replay) read: --store, else $ZOOMHOOK_STORE, else the
 * chosen listener's store, else ./.zoomhook.
 */
export function captureStoreFor(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string, defaultDir: string): StoreChoice {
  const given = flag?.trim() || env.ZOOMHOOK_STORE?.trim();
  if (given) return { dir: resolve(cwd, given) };
  const found = findListener(cwd, env);
  if (found?.entry.store) return { dir: found.entry.store, listener: found };
  return { dir: resolve(cwd, defaultDir) };
}

/** The stderr line for a listener chosen from another directory. */
export function newestNote(found: Resolved, doing: string): string | undefined {
  return found.how === "newest" ? `${doing} the newest listener (pid ${found.entry.pid}, started in ${found.entry.cwd})` : undefined;
}
