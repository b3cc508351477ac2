// The store directory on disk: file names, private modes, .gitignore, and the format version file.
import fs, { promises as fsp } from "node:fs";
import path from "node:path";
import { configError } from "../shared/errors.js";
import type { WarningHandler } from "./options.js";

export const FORMAT_VERSION = 1;
export const FORMAT_FILE = "format.json";
export const LOCK_FILE = "listener.lock";
// Captures hold auth headers and personal data: owner-only (ignored on Windows, which is fine).
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

const SEGMENT_RE = /^captures-(\d{8,})\.zhc$/;

export interface SegmentFile {
  seq: number;
  name: string;
}

/** What format.json holds: the format major, and the writer's retention so readers trim alike. */
export interface FormatInfo {
  format: number;
  maxCaptures?: number;
  maxBytes?: number;
}

export function segmentName(seq: number): string {
  return `captures-${String(seq).padStart(8, "0")}.zhc`;
}

// listSegments and readFormat are synchronous: readers call them on every list/get, and a readdir or
// a tiny read takes microseconds where an async round trip costs far more.

/** Segment files in sequence order (oldest first); a missing directory has none. */
export function listSegments(dir: string): SegmentFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const out: SegmentFile[] = [];
  for (const name of names) {
    const m = SEGMENT_RE.exec(name);
    if (m) out.push({ seq: Number(m[1]), name });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/**
 * format.json, or undefined when absent. A newer major format is refused rather than misread; an
 * unreadable file (a flipped byte, a half-written edit) is reported and read as absent, because the
 * segment files carry their own framing: a broken 40-byte file must not hide every capture.
 */
export function readFormat(dir: string, onWarning?: WarningHandler): FormatInfo | undefined {
  const file = path.join(dir, FORMAT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let info: FormatInfo | undefined;
  try {
    info = JSON.parse(text) as FormatInfo;
  } catch {
    info = undefined;
  }
  if (!info || typeof info !== "object" || !Number.isInteger(info.format) || info.format < 1) {
    onWarning?.("store_format_unreadable", `${file} is unreadable; reading the store as format ${FORMAT_VERSION} with default retention.`);
    return undefined;
  }
  if (info.format > FORMAT_VERSION) {
    throw configError("store_format_newer", `The capture store ${dir} uses format ${info.format}; this zoomhook reads format ${FORMAT_VERSION}.`, {
      hint: "Upgrade zoomhook, or point --store (or ZOOMHOOK_STORE) at another directory.",
      details: { dir, format: info.format, supported: FORMAT_VERSION },
    });
  }
  return info;
}

/** Write a small file so it is either the old or the new content after a crash (temp, fsync, rename). */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await fsp.open(tmp, "w", FILE_MODE);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
  await syncDir(path.dirname(file));
}

/** Make a new directory entry durable; directories cannot be opened for fsync on Windows. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const fh = await fsp.open(dir, "r").catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => {});
  await fh.close();
}

/** Create the directory (0700), its .gitignore and format.json; check (or repair) the format of an existing store. */
export async function prepareStoreDir(dir: string, retention: { maxCaptures: number; maxBytes: number }, onWarning?: WarningHandler): Promise<void> {
  const created = await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (created !== undefined) await fsp.chmod(dir, DIR_MODE).catch(() => {});
  // An unreadable format.json reads as absent, so it is rewritten below.
  const existing = readFormat(dir, onWarning);
  const ignore = path.join(dir, ".gitignore");
  await fsp.writeFile(ignore, "*\n", { mode: FILE_MODE, flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  const wanted: FormatInfo = { format: FORMAT_VERSION, ...retention };
  if (!existing || existing.maxCaptures !== wanted.maxCaptures || existing.maxBytes !== wanted.maxBytes) {
    await writeFileAtomic(path.join(dir, FORMAT_FILE), `${JSON.stringify(wanted)}\n`);
  }
}
