// The one vocabulary used by every command, the --json output and the inspector.

/** What a received request is. */
export type Kind = "event" | "crc" | "malformed";

/** The verdict on a request's signature. */
export type Verification = "valid" | "invalid" | "stale" | "unsigned" | "unverified";

/** Stable diagnosis codes; each comes with a sentence for humans. */
export type DiagnosisCode =
  | "no_secret"
  | "missing_signature"
  | "missing_timestamp"
  | "bad_timestamp"
  | "malformed_signature"
  | "clock_skew"
  | "secret_whitespace"
  | "body_reserialised"
  | "body_trailing_newline"
  | "unknown_signature_version"
  | "websocket_frame"
  | "signature_mismatch"
  | "body_too_large";

export interface Diagnosis {
  code: DiagnosisCode;
  message: string;
}

export const KINDS: readonly Kind[] = ["event", "crc", "malformed"];
export const VERIFICATIONS: readonly Verification[] = ["valid", "invalid", "stale", "unsigned", "unverified"];
