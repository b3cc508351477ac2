// Empty a capture store: through the listener that owns it (it holds the lock), else directly under the lock.
import { configError } from "../shared/errors.js";
import { requestClear } from "./control.js";

export interface Cleared {
  via: "listener" | "direct";
  /** The listener that cleared it. */
  pid?: number;
}

export async function clearStore(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<Cleared> {
  const { liveListeners } = await import("../registry/listeners.js");
  const owner = liveListeners(env).find((l) => l.store === dir && l.controlUrl);
  if (owner) {
    try {
      await requestClear(owner.controlUrl!, owner.controlToken ?? "");
    } catch (err) {
      throw configError("clear_failed", `The listener (pid ${owner.pid}) could not clear the store: ${(err as Error).message}`);
    }
    return { via: "listener", pid: owner.pid };
  }
  const { acquireStoreLock, openStore } = await import("../store/index.js");
  const lock = await acquireStoreLock(dir);
  try {
    const store = await openStore({ dir });
    await store.clear();
    await store.close();
  } finally {
    await lock.release();
  }
  return { via: "direct" };
}
