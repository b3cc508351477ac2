// Zoom's endpoint URL validation (CRC): the expected answer, and a grader for an endpoint's answer.
import { createHash, createHmac, randomBytes } from "node:crypto";

import { ANSWER_BUDGET_MS } from "./rules.js";

export const CRC_EVENT = "endpoint.url_validation";
export const CRC_BUDGET_MS = ANSWER_BUDGET_MS;

/** hex(HMAC-SHA256(secret, plainToken)): the encryptedToken Zoom expects. */
export function computeEncryptedToken(secret: string, plainToken: string): string {
  return createHmac("sha256", secret).update(plainToken).digest("hex");
}

/** The 200 JSON body a correct endpoint answers. */
export function crcResponse(secret: string, plainToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: computeEncryptedToken(secret, plainToken) };
}

/** The challenge body, in Zoom's own field order. */
export function crcChallengeBody(plainToken: string, nowMs: number): string {
  return JSON.stringify({ payload: { plainToken }, event_ts: nowMs, event: CRC_EVENT });
}

/** A random 22-character base64url plainToken, like Zoom's. */
export function randomPlainToken(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}

export interface CrcCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CrcGrade {
  pass: boolean;
  checks: CrcCheck[];
  latencyMs: number;
}

export interface CrcAnswer {
  status: number;
  body: string;
  latencyMs: number;
}

/** Grade an endpoint's answer to a CRC point by point, naming the likely mistake. */
export function gradeCrcAnswer(secret: string, plainToken: string, answer: CrcAnswer): CrcGrade {
  const checks: CrcCheck[] = [];
  checks.push({
    name: "status 200",
    ok: answer.status === 200,
    detail: answer.status === 200 ? "200" : `got ${answer.status}${statusCause(answer.status)}`,
  });
  let parsed: unknown;
  let jsonOk = false;
  try {
    parsed = JSON.parse(answer.body);
    jsonOk = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
  } catch {
    jsonOk = false;
  }
  checks.push({ name: "JSON body", ok: jsonOk, detail: jsonOk ? "a JSON object" : `not a JSON object: ${preview(answer.body)}` });
  const obj = (jsonOk ? parsed : {}) as Record<string, unknown>;
  const wrapped = jsonOk && !("plainToken" in obj) ? findWrapped(obj) : undefined;
  const echoed = obj.plainToken === plainToken;
  checks.push({
    name: "plainToken echoed",
    ok: echoed,
    detail: echoed
      ? plainToken
      : wrapped
        ? `found under "${wrapped.path}": Zoom wants plainToken and encryptedToken at the top level`
        : obj.plainToken === undefined
          ? "plainToken missing"
          : `expected ${plainToken}, got ${preview(String(obj.plainToken))}`,
  });
  const expected = computeEncryptedToken(secret, plainToken);
  const got = obj.encryptedToken ?? wrapped?.value.encryptedToken;
  const tokenOk = obj.encryptedToken === expected;
  checks.push({
    name: "encryptedToken",
    ok: tokenOk,
    detail: tokenOk ? "hex HMAC-SHA256(secret, plainToken)" : explainToken(secret, plainToken, expected, got, Boolean(wrapped)),
  });
  const fast = answer.latencyMs < CRC_BUDGET_MS;
  checks.push({ name: "answered in time", ok: fast, detail: `${Math.round(answer.latencyMs)} ms (limit ${CRC_BUDGET_MS} ms)` });
  return { pass: checks.every((c) => c.ok), checks, latencyMs: answer.latencyMs };
}

function statusCause(status: number): string {
  if (status === 204) return " (204 cannot carry the token body)";
  if (status === 401 || status === 403) {
    return ": the endpoint rejected the challenge — its secret token differs from yours, or it checked the challenge's signature and found it wrong (the challenge is signed like any event)";
  }
  if (status === 404 || status === 405) return ": nothing answers POST at this path — check the endpoint URL";
  return "";
}

function explainToken(secret: string, plainToken: string, expected: string, got: unknown, wrapped: boolean): string {
  const short = `${expected.slice(0, 8)}…${expected.slice(-4)}`;
  if (got === undefined) return `missing (expected ${short})`;
  if (typeof got !== "string") return `expected a string, got ${typeof got}`;
  const head = `expected ${short}, got ${preview(got, 20)}`;
  if (got === expected && wrapped) return `${head}: correct value, but wrapped — move it to the top level`;
  const mac = createHmac("sha256", secret).update(plainToken).digest();
  if (got === mac.toString("base64") || got === mac.toString("base64url")) return `${head}: looks like base64 — Zoom wants the HMAC as lowercase hex`;
  if (got === expected.toUpperCase()) return `${head}: upper-case hex — Zoom wants lowercase hex`;
  if (got === createHash("sha256").update(plainToken).digest("hex")) return `${head}: a plain SHA-256 of the token — use HMAC-SHA256 keyed with the secret token`;
  if (got === createHmac("sha256", plainToken).update(secret).digest("hex")) return `${head}: key and message swapped — HMAC key is the secret, message is the plainToken`;
  if (got === plainToken) return `${head}: the plainToken itself, not its HMAC`;
  if (/^[0-9a-f]{64}$/.test(got)) return `${head}: a hex HMAC, but not with this secret — does the endpoint use a different secret token?`;
  return head;
}

function findWrapped(obj: Record<string, unknown>): { path: string; value: Record<string, unknown> } | undefined {
  for (const [key, value] of Object.entries(obj)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const inner = value as Record<string, unknown>;
      if ("plainToken" in inner || "encryptedToken" in inner) return { path: key, value: inner };
    }
  }
  return undefined;
}

function preview(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine || "(empty)";
}
