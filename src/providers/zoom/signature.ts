// Zoom's v0 webhook signature: sign, verify over the raw bytes, and explain a mismatch.
// Spec: x-zm-signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + x-zm-request-timestamp + ":" + rawBody)).
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type { Diagnosis, Verification } from "../../shared/vocabulary.js";
import { explainMismatch, safeEqual } from "../diagnose.js";

export { safeEqual } from "../diagnose.js";

export type Body = string | Uint8Array;

const SIGNATURE_RE = /^v0=[0-9a-f]{64}$/;
export const DEFAULT_TOLERANCE_SECONDS = 300;

// A KeyObject skips re-importing the key on every request (the receiver verifies with one secret).
let cachedSecret: string | undefined;
let cachedKey: KeyObject | undefined;
function keyFor(secret: string): KeyObject {
  if (secret !== cachedSecret || !cachedKey) {
    cachedKey = createSecretKey(Buffer.from(secret, "utf8"));
    cachedSecret = secret;
  }
  return cachedKey;
}

function hmacHex(secret: string, timestamp: string, body: Body): string {
  const h = createHmac("sha256", keyFor(secret));
  h.update(`v0:${timestamp}:`);
  h.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return h.digest("hex");
}

/** The `x-zm-signature` value for exactly these bytes: `v0=<64 lowercase hex>`. */
export function signPayload(secret: string, timestamp: number | string, body: Body): string {
  return `v0=${hmacHex(secret, String(timestamp), body)}`;
}

export interface VerifyInput {
  /** The secret token; undefined or empty means "not configured". */
  secret?: string;
  /** The `x-zm-request-timestamp` header as received. */
  timestamp?: string | null;
  /** The `x-zm-signature` header as received. */
  signature?: string | null;
  /** The raw body bytes as received. */
  body: Body;
  /** Seconds of allowed clock difference; 0 disables the check. Default 300. */
  toleranceSeconds?: number;
  /** Current time in ms (injected clock). Default Date.now(). */
  nowMs?: number;
}

export interface RotatingVerifyInput extends Omit<VerifyInput, "secret"> {
  /** The current secret first, then the previous one while a rotation is under way. */
  secrets: readonly string[];
}

export interface VerifyResult {
  verification: Verification;
  /** Present whenever verification is not "valid". */
  diagnosis?: Diagnosis;
  /** Signed timestamp minus now, in seconds, when the timestamp parsed. */
  skewSeconds?: number;
  /** Which secret matched (0 = the current one), when more than one was given. */
  secretIndex?: number;
}

/** Verify a delivery over its exact bytes. A bad signature is a verdict, never an exception. */
export function verifySignature(input: VerifyInput): VerifyResult {
  return verifyOne(input, true);
}

/**
 * Verify under the current secret, then under the previous one(s): a rotation in the Marketplace must
 * not turn real deliveries into 401s. A mismatch is explained against the current secret.
 */
export function verifyRotating(input: RotatingVerifyInput): VerifyResult {
  const { secrets } = input;
  if (secrets.length <= 1) return verifyOne({ ...input, secret: secrets[0] }, true);
  const first = verifyOne({ ...input, secret: secrets[0] }, false);
  if (first.verification !== "invalid" || first.diagnosis?.code !== "signature_mismatch") {
    return first.verification === "valid" || first.verification === "stale" ? { ...first, secretIndex: 0 } : first;
  }
  for (let i = 1; i < secrets.length; i++) {
    const r = verifyOne({ ...input, secret: secrets[i] }, false);
    if (r.verification === "valid" || r.verification === "stale") return { ...r, secretIndex: i };
  }
  return verifyOne({ ...input, secret: secrets[0] }, true);
}

function verifyOne(input: VerifyInput, diagnose: boolean): VerifyResult {
  const { secret, timestamp, signature, body } = input;
  if (!secret) {
    return { verification: "unverified", diagnosis: { code: "no_secret", message: "no secret token configured, so signatures are not checked" } };
  }
  if (!signature) {
    return { verification: "unsigned", diagnosis: { code: "missing_signature", message: "the x-zm-signature header is missing" } };
  }
  if (!timestamp) {
    return { verification: "unsigned", diagnosis: { code: "missing_timestamp", message: "the x-zm-request-timestamp header is missing" } };
  }
  if (!/^\d{1,13}$/.test(timestamp)) {
    return { verification: "invalid", diagnosis: { code: "bad_timestamp", message: `x-zm-request-timestamp "${timestamp.slice(0, 40)}" is not Unix seconds` } };
  }
  if (!SIGNATURE_RE.test(signature)) {
    return {
      verification: "invalid",
      diagnosis: { code: "malformed_signature", message: `x-zm-signature is not of the form v0=<64 lowercase hex> (got ${describeShape(signature)})` },
    };
  }
  const nowMs = input.nowMs ?? Date.now();
  const tsSeconds = Number(timestamp);
  const skewSeconds = Math.round(tsSeconds - nowMs / 1000);
  const expected = `v0=${hmacHex(secret, timestamp, body)}`;
  if (!safeEqual(expected, signature)) {
    const diagnosis = diagnose
      ? diagnoseMismatch(secret, timestamp, signature, body, skewSeconds)
      : { code: "signature_mismatch" as const, message: "signature mismatch" };
    return { verification: "invalid", diagnosis, skewSeconds };
  }
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (tolerance > 0 && Math.abs(skewSeconds) > tolerance) {
    if (tsSeconds > 1e11) {
      return {
        verification: "stale",
        diagnosis: { code: "clock_skew", message: "the signature is correct, but x-zm-request-timestamp looks like milliseconds: Zoom's is in seconds (event_ts is the one in milliseconds)" },
        skewSeconds,
      };
    }
    const direction = skewSeconds < 0 ? `${-skewSeconds} s old` : `${skewSeconds} s in the future`;
    return {
      verification: "stale",
      diagnosis: {
        code: "clock_skew",
        message: `signature is correct but the timestamp is ${direction} (tolerance ${tolerance} s): a replayed delivery, or clock skew`,
      },
      skewSeconds,
    };
  }
  return { verification: "valid", skewSeconds };
}

function describeShape(signature: string): string {
  if (/^[0-9a-f]{64}$/i.test(signature)) return "hex without the v0= prefix";
  if (/^v0=[0-9A-F]{64}$/.test(signature)) return "upper-case hex";
  if (/^v0=[A-Za-z0-9+/=_-]{43,44}$/.test(signature)) return "what looks like base64, not hex";
  return `${signature.length} characters`;
}

/** Try the usual suspects, cheapest first, to say *why* a signature does not match. */
export function diagnoseMismatch(secret: string, timestamp: string, signature: string, body: Body, skewSeconds?: number): Diagnosis {
  const matches = (key: string, bytes: Body) => safeEqual(`v0=${hmacHex(key, timestamp, bytes)}`, signature);
  return explainMismatch(secret, body, matches, skewSeconds !== undefined && Math.abs(skewSeconds) > 300 ? ` (the timestamp is also ${Math.abs(skewSeconds)} s off)` : "");
}

