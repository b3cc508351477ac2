// Shared by the capture commands: open the chosen store read-only and find a capture by id or "last".
import type { Capture } from "../shared/capture.js";
import { configError, usageError } from "../shared/errors.js";

export async function openReader(storeFlag: string | undefined) {
  const [{ openStoreReader, DEFAULT_STORE_DIR }, { captureStoreFor, newestNote }] = await Promise.all([
    import("../store/index.js"),
    import("../registry/discover.js"),
  ]);
  const { dir, listener } = captureStoreFor(storeFlag, process.env, process.cwd(), DEFAULT_STORE_DIR);
  const note = listener && newestNote(listener, "reading the captures of");
  if (note) process.stderr.write(`${note}: ${dir}\n`);
  const reader = await openStoreReader({ dir, onWarning: (_code, message) => process.stderr.write(`warning: ${message}\n`) });
  return { dir, reader };
}

export async function getCapture(storeFlag: string | undefined, id: string): Promise<Capture> {
  const { dir, reader } = await openReader(storeFlag);
  try {
    const capture = await reader.get(id);
    if (capture) return capture;
    const empty = (await reader.count()) === 0;
    if (empty) {
      throw configError("store_empty", `No captures in ${dir}.`, {
        hint: "Captures are written by `zoomhook listen`; run it here (or pass --store / set ZOOMHOOK_STORE).",
      });
    }
    throw usageError("unknown_capture", `No capture "${id}" in ${dir}.`, { hint: "`zoomhook log` lists them; `last` is the newest." });
  } finally {
    await reader.close();
  }
}
