// Retention's first choice: requests that were never real deliveries (unsigned, invalid, malformed) go before verified ones.
import { promises as fs, renameSync } from "node:fs";
import path from "node:path";
import type { CaptureSummary } from "../shared/capture.js";
import type { CaptureIndex, SegmentIndex } from "./capture-index.js";
import { FILE_MODE, syncDir } from "./layout.js";
import type { IndexEntry } from "./scan.js";

/**
 * Junk: what anyone who learns the public URL can send. With a secret set, Zoom's deliveries are
 * valid (or stale, when late); without one they are all "unverified" and none of them is junk.
 */
export function isJunk(s: CaptureSummary): boolean {
  return s.kind === "malformed" || s.verification === "unsigned" || s.verification === "invalid";
}

/**
 * Rewrite a finished segment without its junk: kept records are copied byte for byte into a temp
 * file, which is synced and renamed over the old one (a crash leaves one or the other, both
 * readable; readers notice the new inode and rescan). Returns the segment's new index, or
 * undefined when nothing was kept and the file was deleted.
 */
export async function stripJunk(dir: string, seg: SegmentIndex): Promise<SegmentIndex | undefined> {
  const file = path.join(dir, seg.name);
  const kept = seg.entries.filter((e) => !isJunk(e.summary));
  if (kept.length === 0) {
    await fs.rm(file, { force: true });
    return undefined;
  }
  // One read of the finished segment (at most the segment size limit) and one write, not a read and a write per record.
  const source = await fs.readFile(file);
  const pieces: Buffer[] = [];
  const entries: IndexEntry[] = [];
  let offset = 0;
  for (const e of kept) {
    if (e.offset + e.length > source.length) continue;
    pieces.push(source.subarray(e.offset, e.offset + e.length));
    entries.push({ ...e, offset });
    offset += e.length;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await fs.open(tmp, "w", FILE_MODE);
  try {
    await fh.writeFile(Buffer.concat(pieces, offset));
    await fh.sync();
  } finally {
    await fh.close();
  }
  // Synchronous, so no read can fall between the new file and its new offsets (the caller syncs the directory).
  renameSync(tmp, file);
  return { seq: seg.seq, name: seg.name, entries, bytes: offset, damaged: [] };
}

/** While the store is over a limit, rewrite its oldest finished segments that hold junk without it. */
export async function evictJunk(dir: string, index: CaptureIndex, maxCaptures: number, maxBytes: number): Promise<void> {
  const over = () => index.totalEntries() > maxCaptures || index.totalBytes() > maxBytes;
  let changed = false;
  // The last segment is the one being written: never rewritten.
  for (let i = 0; i < index.segments.length - 1 && over(); i++) {
    const seg = index.segments[i]!;
    if (!seg.entries.some((e) => isJunk(e.summary))) continue;
    const next = await stripJunk(dir, seg);
    changed = true;
    if (next) index.segments[i] = next;
    else index.segments.splice(i--, 1);
  }
  if (changed) await syncDir(dir);
}
