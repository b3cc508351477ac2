// The listener's capture store: opened through openCaptureStore, its health and warnings announced on the bus.
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Bus } from "../shared/bus.js";
import { openCaptureStore, type OpenedCaptureStore } from "../store/open.js";
import { isPostgresSpec } from "../store/spec.js";

export interface ListenStoreConfig {
  /** A directory or a postgres:// URL. */
  spec: string;
  maxCaptures?: number;
  maxBytes?: number;
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

/** `live`: the inspector wants every listener's captures as they commit. */
export async function openListenStore(config: ListenStoreConfig, bus: Bus, live: boolean): Promise<OpenedCaptureStore> {
  return openCaptureStore(config.spec, {
    mode: "write",
    maxCaptures: config.maxCaptures,
    maxBytes: config.maxBytes,
    // The inspector of a shared store shows every listener's captures as they commit.
    follow: live && isPostgresSpec(config.spec),
    listener: { host: os.hostname(), user: userName(), pid: process.pid, session: randomUUID() },
    onWarning: (code, message) => bus.emit({ type: "warning", code, message }),
    onStatus: (up, message) =>
      bus.emit(up
        ? { type: "info", code: "store_up", message }
        : { type: "warning", code: "store_down", message, hint: "Start the database again: zoomhook keeps listening and reconnects by itself." }),
  });
}
