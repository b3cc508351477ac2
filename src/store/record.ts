// Record framing: a 24-byte header (magic, three lengths, two CRC32s), summary JSON, detail JSON, raw body.
import { crc32 } from "node:zlib";
import { summarize, type Capture, type CaptureOrigin, type CaptureSummary, type CapturedResponse, type ForwardResult } from "../shared/capture.js";

// Header layout (little-endian u32s): magic | summaryLen | detailLen | bodyLen | headCrc | dataCrc.
// headCrc covers bytes 0..16 plus the summary, so lists can trust a record without reading its body;
// dataCrc covers detail plus body and is checked when a capture is read in full.
export const HEADER_BYTES = 24;
const MAGIC = 0x3143485a; // "ZHC1" as bytes on disk
/** The magic as it appears in the file: what resynchronisation after damage searches for. */
export const MAGIC_BYTES = Buffer.from("ZHC1", "latin1");
// Garbage that happens to start with the magic must not make us allocate gigabytes.
const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** What a record keeps beside the summary and the body. */
interface StoredDetail {
  headers: Array<[string, string]>;
  truncated: boolean;
  bodySha256?: string;
  response: CapturedResponse;
  forward?: ForwardResult;
  remoteAddress?: string;
  dedupeKey?: string;
  origin?: CaptureOrigin;
}

export interface RecordHead {
  summaryLen: number;
  detailLen: number;
  bodyLen: number;
  headCrc: number;
  dataCrc: number;
  /** Whole record size, header included. */
  total: number;
}

export function encodeRecord(capture: Capture): { record: Buffer; summary: CaptureSummary } {
  // The file store has one listener: a capture copied from a shared store leaves its listener behind.
  const summary = summarize({ ...capture, listener: undefined });
  const summaryJson = JSON.stringify(summary);
  const detail: StoredDetail = { headers: capture.headers, truncated: capture.truncated, response: capture.response };
  if (capture.bodySha256 !== undefined) detail.bodySha256 = capture.bodySha256;
  if (capture.forward !== undefined) detail.forward = capture.forward;
  if (capture.remoteAddress !== undefined) detail.remoteAddress = capture.remoteAddress;
  if (capture.dedupeKey !== undefined) detail.dedupeKey = capture.dedupeKey;
  if (capture.origin !== undefined) detail.origin = capture.origin;
  const summaryLen = Buffer.byteLength(summaryJson);
  const detailJson = JSON.stringify(detail);
  const detailLen = Buffer.byteLength(detailJson);
  const body = capture.body;
  const record = Buffer.allocUnsafe(HEADER_BYTES + summaryLen + detailLen + body.length);
  record.writeUInt32LE(MAGIC, 0);
  record.writeUInt32LE(summaryLen, 4);
  record.writeUInt32LE(detailLen, 8);
  record.writeUInt32LE(body.length, 12);
  record.write(summaryJson, HEADER_BYTES, "utf8");
  const detailAt = HEADER_BYTES + summaryLen;
  record.write(detailJson, detailAt, "utf8");
  body.copy(record, detailAt + detailLen);
  record.writeUInt32LE(crc32(record.subarray(HEADER_BYTES, detailAt), crc32(record.subarray(0, 16))), 16);
  record.writeUInt32LE(crc32(record.subarray(detailAt)), 20);
  return { record, summary };
}

/** The header at buf[at..], or undefined when it cannot be a record (wrong magic, absurd lengths). */
export function parseHead(buf: Buffer, at = 0): RecordHead | undefined {
  if (buf.length - at < HEADER_BYTES || buf.readUInt32LE(at) !== MAGIC) return undefined;
  const summaryLen = buf.readUInt32LE(at + 4);
  const detailLen = buf.readUInt32LE(at + 8);
  const bodyLen = buf.readUInt32LE(at + 12);
  if (summaryLen > MAX_JSON_BYTES || detailLen > MAX_JSON_BYTES) return undefined;
  return {
    summaryLen,
    detailLen,
    bodyLen,
    headCrc: buf.readUInt32LE(at + 16),
    dataCrc: buf.readUInt32LE(at + 20),
    total: HEADER_BYTES + summaryLen + detailLen + bodyLen,
  };
}

/** The summary of a record, given its first HEADER_BYTES + summaryLen bytes; undefined if corrupt. */
export function decodeSummary(head: RecordHead, headAndSummary: Buffer): CaptureSummary | undefined {
  const end = HEADER_BYTES + head.summaryLen;
  const crc = crc32(headAndSummary.subarray(HEADER_BYTES, end), crc32(headAndSummary.subarray(0, 16)));
  if (crc !== head.headCrc) return undefined;
  try {
    return JSON.parse(headAndSummary.toString("utf8", HEADER_BYTES, end)) as CaptureSummary;
  } catch {
    return undefined;
  }
}

/** True when the detail and body of a whole record match its data checksum. */
export function dataIntact(head: RecordHead, record: Buffer): boolean {
  return crc32(record.subarray(HEADER_BYTES + head.summaryLen, head.total)) === head.dataCrc;
}

/** A whole record back into a Capture, or undefined when any part fails its checksum. */
export function decodeRecord(record: Buffer): Capture | undefined {
  const head = parseHead(record);
  if (!head || record.length < head.total) return undefined;
  const s = decodeSummary(head, record);
  if (!s || !dataIntact(head, record)) return undefined;
  const detailAt = HEADER_BYTES + head.summaryLen;
  let d: StoredDetail;
  try {
    d = JSON.parse(record.toString("utf8", detailAt, detailAt + head.detailLen)) as StoredDetail;
  } catch {
    return undefined;
  }
  // Copy the body so a caller keeping it does not pin the whole read buffer.
  const body = Buffer.from(record.subarray(detailAt + head.detailLen, head.total));
  const c: Capture = {
    id: s.id, receivedAt: s.receivedAt, method: s.method, path: s.path, headers: d.headers, body,
    bodySize: s.bodySize, truncated: d.truncated, kind: s.kind, verification: s.verification,
    response: d.response, durationMs: s.durationMs,
  };
  if (d.bodySha256 !== undefined) c.bodySha256 = d.bodySha256;
  if (s.event !== undefined) c.event = s.event;
  if (s.diagnosis !== undefined) c.diagnosis = s.diagnosis;
  if (d.forward !== undefined) c.forward = d.forward;
  if (s.replayOf !== undefined) c.replayOf = s.replayOf;
  if (d.remoteAddress !== undefined) c.remoteAddress = d.remoteAddress;
  if (s.provider !== undefined) c.provider = s.provider;
  if (s.secretIndex !== undefined) c.secretIndex = s.secretIndex;
  if (d.dedupeKey !== undefined) c.dedupeKey = d.dedupeKey;
  if (d.origin !== undefined) c.origin = d.origin;
  return c;
}
