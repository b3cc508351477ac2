// The mismatch diagnosis: cheapest checks first, and bounded so a forged body cannot cost more than a real one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIAGNOSE_MAX_BYTES, explainMismatch, type Body } from "../../../src/providers/diagnose.js";
import { verifySignature, signPayload } from "../../../src/providers/zoom/signature.js";

describe("explainMismatch", () => {
  it("names a trailing newline instead of calling it a re-serialised body", () => {
    const signed = '{"event":"meeting.started"}';
    const ts = "1700000000";
    const r = verifySignature({ secret: "s", timestamp: ts, signature: signPayload("s", ts, signed), body: `${signed}\n`, toleranceSeconds: 0 });
    assert.equal(r.diagnosis?.code, "body_trailing_newline");
    const crlf = verifySignature({ secret: "s", timestamp: ts, signature: signPayload("s", ts, signed), body: `${signed}\r\n`, toleranceSeconds: 0 });
    assert.equal(crlf.diagnosis?.code, "body_trailing_newline");
  });

  it("does not parse bodies over the bound, and makes at most five signature checks under it", () => {
    let calls = 0;
    const counting = (_key: string, _bytes: Body) => {
      calls++;
      return false;
    };
    const small = `${JSON.stringify({ a: "x".repeat(100) }, null, 2)}\n`;
    assert.equal(explainMismatch(" s ", small, counting).code, "signature_mismatch");
    assert.ok(calls <= 5, `${calls} checks`);
    calls = 0;
    const big = JSON.stringify({ event: "x", pad: "y".repeat(DIAGNOSE_MAX_BYTES) }, null, 2);
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsed++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      assert.equal(explainMismatch("s", big, counting).code, "signature_mismatch");
    } finally {
      JSON.parse = parse;
    }
    assert.equal(parsed, 0, "a large forged body is never parsed to explain it");
    assert.ok(calls <= 2, `${calls} checks`);
  });
});
