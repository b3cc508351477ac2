// Reading one indexed capture, for the writer and the readers alike: a record that fails its checksum is
// damage (noted on its segment, warned about once) and reads as missing.
import path from "node:path";
import type { Capture } from "../shared/capture.js";
import { describeDamage, noteDamage, type CaptureIndex } from "./capture-index.js";
import type { WarningHandler } from "./options.js";
import { decodeRecord } from "./record.js";
import { readRecord, type IndexEntry } from "./scan.js";

export function readIndexedCapture(dir: string, index: CaptureIndex, entry: IndexEntry, onWarning: WarningHandler): Capture | undefined {
  const seg = index.segments.find((s) => s.seq === entry.seq);
  const name = seg?.name ?? "";
  const buf = readRecord(path.join(dir, name), entry.offset, entry.length);
  const capture = buf && decodeRecord(buf);
  if (capture && capture.id === entry.summary.id) return capture;
  // Gone meanwhile (retention or clear) is normal; bytes that changed under us are not.
  const span = { offset: entry.offset, bytes: entry.length, records: 1 };
  if (buf && seg && noteDamage(seg, span)) {
    onWarning("store_damaged_records", `Capture ${entry.summary.id} fails its checksum. ${describeDamage(name, [span])}`);
  }
  return undefined;
}
