// The durable capture store: what `listen` writes and `log`, `show`, `replay` and the inspector read.
export { newCaptureId } from "./capture-id.js";
export { acquireStoreLock } from "./lock.js";
export {
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_CAPTURES,
  DEFAULT_STORE_DIR,
  resolveStoreDir,
  type StoreOptions,
  type StoreReaderOptions,
  type WarningHandler,
} from "./options.js";
export { openStoreReader, type StoreReader } from "./reader.js";
export { openStore, type StoreWriter } from "./writer.js";
