// Decide what a received body is (event, CRC or malformed) without ever throwing.
import type { Classified } from "../types.js";
import { CRC_EVENT } from "./crc.js";

export type { Classified };

export function classifyBody(raw: Uint8Array): Classified {
  if (raw.length === 0) return { kind: "malformed", problem: "empty body" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  } catch (err) {
    return { kind: "malformed", problem: `not JSON: ${(err as Error).message}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { kind: "malformed", problem: "JSON but not an object", parsed };
  }
  const event = (parsed as Record<string, unknown>).event;
  if (typeof event !== "string" || event === "") {
    return { kind: "malformed", problem: 'no "event" field', parsed };
  }
  if (event === CRC_EVENT) {
    const payload = (parsed as { payload?: { plainToken?: unknown } }).payload;
    const plainToken = typeof payload?.plainToken === "string" ? payload.plainToken : undefined;
    return { kind: "crc", event, plainToken, parsed, problem: plainToken ? undefined : "CRC without payload.plainToken" };
  }
  return { kind: "event", event, parsed };
}
