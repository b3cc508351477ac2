// Shared by providers that sign the raw body with an HMAC: constant-time compare and "why doesn't it match?".
import { timingSafeEqual } from "node:crypto";
import type { Diagnosis } from "../shared/vocabulary.js";

export type Body = string | Uint8Array;

/** Constant-time comparison of two signature strings; false on any length mismatch. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}

/** Bodies larger than this are not re-parsed to explain a mismatch: forged traffic must not cost more than real traffic. */
export const DIAGNOSE_MAX_BYTES = 256 * 1024;

/**
 * The shared mismatch explanation for HMAC-over-the-body schemes: `matches(key, bytes)` says whether the
 * received signature is that of those bytes under that key. At most five HMACs and one JSON parse, and
 * the parse only for bodies up to DIAGNOSE_MAX_BYTES.
 */
export function explainMismatch(secret: string, body: Body, matches: (key: string, bytes: Body) => boolean, suffix = ""): Diagnosis {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const trimmed = secret.trim();
  if (trimmed !== secret && matches(trimmed, bytes)) {
    return { code: "secret_whitespace", message: "the secret has leading or trailing whitespace; the sender signed with the trimmed secret" };
  }
  const newline = trailingNewline(bytes);
  if (newline > 0 && matches(secret, bytes.subarray(0, bytes.length - newline))) {
    return {
      code: "body_trailing_newline",
      message: "the signature matches the body without its trailing newline: something (an editor, echo, a heredoc) added a newline after the signed bytes",
    };
  }
  if (bytes.length <= DIAGNOSE_MAX_BYTES) {
    for (const v of reserialisedVariants(bytes.toString("utf8"))) {
      if (matches(secret, v)) {
        return {
          code: "body_reserialised",
          message: "the signature matches a re-serialised copy of the body, not the bytes received: something parsed and re-encoded the JSON on the way",
        };
      }
    }
  }
  return {
    code: "signature_mismatch",
    message: `signature mismatch: most likely the secret differs from the one that signed it (or the body or timestamp was altered)${suffix}`,
  };
}

function trailingNewline(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n > 1 && bytes[n - 2] === 0x0d && bytes[n - 1] === 0x0a) return 2;
  return n > 0 && bytes[n - 1] === 0x0a ? 1 : 0;
}

function reserialisedVariants(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    const compact = JSON.stringify(parsed);
    return [compact, JSON.stringify(parsed, null, 2), JSON.stringify(parsed, null, 4)].filter((v) => v !== text);
  } catch {
    return [];
  }
}
