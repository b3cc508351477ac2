// The header set Zoom sends with a delivery, built around exactly the bytes being sent.
import { randomBytes, randomUUID } from "node:crypto";
import { signPayload, type Body } from "./signature.js";

export const ZOOM_USER_AGENT = "Zoom Marketplace/1.0a";
export const ZOOM_CONTENT_TYPE = "application/json; charset=utf-8";

export type HeaderProfile = "current" | "legacy";
export type SignatureMode = "valid" | "bad" | "none";

/** A request id in Zoom's shape: a UUID with underscores (stays the same across retries). */
export function newRequestId(): string {
  return randomUUID().replaceAll("-", "_");
}

/** A W3C traceparent header value. */
export function newTraceparent(): string {
  // randomUUID draws from a cached entropy pool; a randomBytes call per delivery costs ~15 µs under load.
  const trace = randomUUID().replaceAll("-", "");
  const parent = randomUUID().replaceAll("-", "").slice(0, 16);
  return `00-${trace}-${parent}-01`;
}

export interface ZoomHeaderInput {
  body: Body;
  /** Needed unless signature is "none". */
  secret?: string;
  /** Unix seconds. */
  timestamp: number;
  requestId?: string;
  signature?: SignatureMode;
  profile?: HeaderProfile;
  /** Legacy profile: the verification token carried in `authorization`. */
  verificationToken?: string;
  /** Legacy profile: the app's client id carried in `clientid`. */
  clientId?: string;
}

/** Zoom's headers for this body. Lower-case names, as Node delivers them. */
export function zoomHeaders(input: ZoomHeaderInput): Record<string, string> {
  const mode = input.signature ?? "valid";
  const headers: Record<string, string> = {
    "content-type": ZOOM_CONTENT_TYPE,
    "user-agent": ZOOM_USER_AGENT,
    "x-zm-request-id": input.requestId ?? newRequestId(),
    traceparent: newTraceparent(),
  };
  if (mode !== "none") {
    headers["x-zm-request-timestamp"] = String(input.timestamp);
    headers["x-zm-signature"] =
      mode === "bad" ? `v0=${randomBytes(32).toString("hex")}` : signPayload(input.secret ?? "", input.timestamp, input.body);
  }
  if (input.profile === "legacy") {
    headers["x-zm-trackingid"] = `v=2.0&clid=us06&rid=WEB_${randomBytes(16).toString("hex")}`;
    headers.clientid = input.clientId ?? randomBytes(17).toString("base64url").slice(0, 22);
    headers.authorization = input.verificationToken ?? randomBytes(16).toString("base64url").slice(0, 22);
  }
  return headers;
}
