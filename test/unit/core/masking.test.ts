// Credential headers are masked wherever captures are shown; Zoom's own signature headers are not secrets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SECRET_HEADER_RE, maskHeaders, maskValue } from "../../../src/shared/capture.js";

const CREDENTIALS = [
  "Authorization",
  "proxy-authorization",
  "Cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "apikey",
  "x-auth-token",
  "x-zm-verification-token",
  "zoom-verification-token",
  "x-zoom-webhook-password",
  "clientSecret",
  "client_secret",
  "x-client-secret",
  "x-session-id",
  "x-credentials",
  "x-custom-token",
];
const PLAIN = ["host", "content-type", "content-length", "user-agent", "x-zm-signature", "x-zm-request-timestamp", "x-zm-request-id", "x-zm-trackingid", "accept", "x-forwarded-for"];

test("every credential-style header name is masked; ordinary and Zoom signature headers are not", () => {
  for (const name of CREDENTIALS) assert.equal(SECRET_HEADER_RE.test(name), true, name);
  for (const name of PLAIN) assert.equal(SECRET_HEADER_RE.test(name), false, name);
  const value = "supersecretvalue-1234567890";
  const masked = maskHeaders([...CREDENTIALS, ...PLAIN].map((n) => [n, value] as [string, string]));
  for (const [name, v] of masked) {
    if (CREDENTIALS.includes(name)) assert.ok(!v.includes("secretvalue") && v.includes("•"), `${name}: ${v}`);
    else assert.equal(v, value, name);
  }
});

test("a mask keeps the scheme and at most a quarter of the value", () => {
  assert.equal(maskValue("Bearer s3cr3t-verification-token"), "Bearer s3cr••••••••");
  assert.equal(maskValue("hunter2"), "h••••••");
  assert.equal(maskValue("abc"), "••••");
  assert.equal(maskValue(""), "••••");
});
