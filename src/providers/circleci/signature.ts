// CircleCI's webhook signature: circleci-signature = "v1=" + hex(HMAC-SHA256(secret, raw body)), in a versioned list.
// https://circleci.com/docs/webhooks/#validate-webhooks — check only the newest version you know (no downgrade).
import { createHmac } from "node:crypto";
import { explainMismatch, safeEqual } from "../diagnose.js";
import type { Verdict } from "../types.js";

export type Body = string | Uint8Array;

/** The only version CircleCI sends today; a newer one would be added here, newest first. */
const KNOWN_VERSIONS = ["v1"] as const;
const HEX_RE = /^[0-9a-f]{64}$/;

export function circleciHmac(secret: string, body: Body): string {
  return createHmac("sha256", secret).update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("hex");
}

/** The `circleci-signature` value for exactly these bytes: `v1=<64 lowercase hex>`. */
export function signCircleci(secret: string, body: Body): string {
  return `v1=${circleciHmac(secret, body)}`;
}

/** `v1=abc,v2=def` → [["v1","abc"],["v2","def"]]; entries without `=` are kept with an empty value. */
export function parseSignatureHeader(header: string): Array<[string, string]> {
  return header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? [part, ""] : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    });
}

export interface CircleciVerifyInput {
  /** The current secret first, then the previous one during a rotation. */
  secrets: readonly string[];
  /** The circleci-signature header as received. */
  signature?: string;
  body: Body;
}

/** Verify over the exact bytes. CircleCI signs no timestamp, so there is no replay window and never "stale". */
export function verifyCircleci(input: CircleciVerifyInput): Verdict {
  const { secrets, signature, body } = input;
  if (secrets.length === 0) {
    return { verification: "unverified", diagnosis: { code: "no_secret", message: "no secret token configured, so signatures are not checked" } };
  }
  if (!signature) {
    return {
      verification: "unsigned",
      diagnosis: { code: "missing_signature", message: "the circleci-signature header is missing (CircleCI sends none when the webhook has no secret token)" },
    };
  }
  const entries = parseSignatureHeader(signature);
  const version = KNOWN_VERSIONS.find((v) => entries.some(([name]) => name === v));
  if (!version) {
    const names = [...new Set(entries.map(([name]) => name))].join(", ") || "none";
    return {
      verification: "invalid",
      diagnosis: { code: "unknown_signature_version", message: `circleci-signature carries no version zoomhook knows (got: ${names}; expected v1)` },
    };
  }
  const values = entries.filter(([name]) => name === version).map(([, value]) => value);
  if (!values.some((v) => HEX_RE.test(v))) {
    return {
      verification: "invalid",
      diagnosis: { code: "malformed_signature", message: `circleci-signature ${version} is not 64 lowercase hex characters` },
    };
  }
  for (let i = 0; i < secrets.length; i++) {
    const expected = circleciHmac(secrets[i]!, body);
    if (values.some((v) => safeEqual(v, expected))) return secrets.length > 1 ? { verification: "valid", secretIndex: i } : { verification: "valid" };
  }
  const matches = (key: string, bytes: Body) => {
    const mac = circleciHmac(key, bytes);
    return values.some((v) => safeEqual(v, mac));
  };
  return { verification: "invalid", diagnosis: explainMismatch(secrets[0]!, body, matches) };
}
