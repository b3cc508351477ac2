// Shared by the capture commands: open the chosen store (a directory or a postgres:// URL) and find a capture by id or "last".
import type { Capture } from "../shared/capture.js";
import { configError, usageError } from "../shared/errors.js";
import type { OpenedCaptureStore, OpenStoreOptions } from "../store/open.js";
import { VERSION } from "./version.js";

const warn = (_code: string, message: string) => process.stderr.write(`warning: ${message}\n`);

/**
 * The store a command means: --store, else $ZOOMHOOK_STORE, else the store of the listener started
 * here (or the newest), else ./.zoomhook. A listener's shared store is registered with its password
 * masked: the driver then takes it from PGPASSWORD or ~/.pgpass.
 */
export async function chooseStore(flag: string | undefined): Promise<string> {
  const given = flag?.trim() || process.env.ZOOMHOOK_STORE?.trim();
  if (given) return given;
  const [{ DEFAULT_STORE_DIR }, { captureStoreFor, newestNote }, { isPostgresSpec }] = await Promise.all([
    import("../store/options.js"),
    import("../registry/discover.js"),
    import("../store/spec.js"),
  ]);
  const { dir, listener } = captureStoreFor(undefined, process.env, process.cwd(), DEFAULT_STORE_DIR);
  const note = listener && newestNote(listener, "reading the captures of");
  if (note) process.stderr.write(`${note}: ${dir}\n`);
  const registered = listener?.entry.store;
  if (registered && isPostgresSpec(registered)) {
    const u = new URL(registered);
    if (u.password === "****") u.password = "";
    return u.toString();
  }
  return dir;
}

/** Open the store a command names; read-only unless asked. */
export async function openStoreFor(storeFlag: string | undefined, options: Partial<OpenStoreOptions> = {}): Promise<OpenedCaptureStore> {
  return openChosenStore(await chooseStore(storeFlag), options);
}

/** Open a store already chosen (see chooseStore). */
export async function openChosenStore(spec: string, options: Partial<OpenStoreOptions> = {}): Promise<OpenedCaptureStore> {
  const { openCaptureStore } = await import("../store/open.js");
  return openCaptureStore(spec, { mode: "read", cwd: process.cwd(), appVersion: VERSION, onWarning: warn, ...options });
}

export async function getCapture(storeFlag: string | undefined, id: string): Promise<Capture> {
  const opened = await openStoreFor(storeFlag);
  const where = opened.spec.display;
  try {
    const capture = await opened.reader.get(id);
    if (capture) return capture;
    const empty = (await opened.reader.count()) === 0;
    if (empty) {
      throw configError("store_empty", `No captures in ${where}.`, {
        hint: "Captures are written by `zoomhook listen`; run it here (or pass --store / set ZOOMHOOK_STORE).",
      });
    }
    throw usageError("unknown_capture", `No capture "${id}" in ${where}.`, { hint: "`zoomhook log` lists them; `last` is the newest." });
  } finally {
    await opened.close();
  }
}
