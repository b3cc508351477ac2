// Zoom v0 signatures: known-answer vector, raw-byte fidelity, malformed input, tolerance edges and every diagnosis.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHmac } from "node:crypto";
import { diagnoseMismatch, safeEqual, signPayload, verifySignature, DEFAULT_TOLERANCE_SECONDS } from "../../../src/providers/zoom/signature.js";
import * as library from "../../../src/index.js";

const KAT_SECRET = "zoomhook_test_secret";
const KAT_TS = 1739923528;
const KAT_BODY =
  '{"event":"meeting.started","event_ts":1739923527913,"payload":{"account_id":"AbCdEfGhIjKlMnOpQrStUv","object":{"id":"85123456789","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"Weekly sync","type":2,"start_time":"2025-02-19T00:05:27Z","timezone":"America/Los_Angeles","duration":30}}}';
const KAT_SIG = "v0=f4ea8998d6a028d619c9ad49954167350935564ba9a41408b187acfdbb82b915";
const AT_KAT = KAT_TS * 1000;

function verify(over: Partial<Parameters<typeof verifySignature>[0]> = {}) {
  return verifySignature({ secret: KAT_SECRET, timestamp: String(KAT_TS), signature: KAT_SIG, body: KAT_BODY, nowMs: AT_KAT, ...over });
}

function independentSign(secret: string, ts: number | string, body: Buffer): string {
  return `v0=${createHmac("sha256", secret).update(Buffer.concat([Buffer.from(`v0:${ts}:`), body])).digest("hex")}`;
}

describe("known-answer vector", () => {
  it("the notes' body is exactly 315 bytes", () => {
    assert.equal(Buffer.byteLength(KAT_BODY, "utf8"), 315);
  });

  it("signPayload reproduces the published signature from a string and from bytes", () => {
    assert.equal(signPayload(KAT_SECRET, KAT_TS, KAT_BODY), KAT_SIG);
    assert.equal(signPayload(KAT_SECRET, String(KAT_TS), Buffer.from(KAT_BODY)), KAT_SIG);
    assert.equal(signPayload(KAT_SECRET, KAT_TS, new Uint8Array(Buffer.from(KAT_BODY))), KAT_SIG);
  });

  it("verifySignature accepts it at the signing time", () => {
    assert.deepEqual(verify(), { verification: "valid", skewSeconds: 0 });
  });

  it("one changed byte, timestamp or secret character makes it invalid", () => {
    assert.equal(verify({ body: KAT_BODY.replace("Weekly", "weekly") }).verification, "invalid");
    assert.equal(verify({ timestamp: String(KAT_TS + 1), nowMs: AT_KAT }).verification, "invalid");
    assert.equal(verify({ secret: "zoomhook_test_secreT" }).verification, "invalid");
  });

  it("the library entry point exports the same functions", () => {
    assert.equal(library.signPayload(KAT_SECRET, KAT_TS, KAT_BODY), KAT_SIG);
    assert.equal(library.verifySignature({ secret: KAT_SECRET, timestamp: String(KAT_TS), signature: KAT_SIG, body: KAT_BODY, nowMs: AT_KAT }).verification, "valid");
    assert.equal(library.DEFAULT_TOLERANCE_SECONDS, 300);
  });
});

describe("raw bytes are what is signed", () => {
  const bodies: Array<[string, Buffer]> = [
    ["literal unicode and emoji", Buffer.from('{"event":"meeting.started","payload":{"object":{"topic":"Café ☕ 会议 🎉👩🏽‍💻"}}}', "utf8")],
    ["\\u00e9 escapes", Buffer.from('{"event":"meeting.started","payload":{"object":{"topic":"Caf\\u00e9 \\ud83c\\udf89"}}}', "utf8")],
    ["escaped slashes", Buffer.from('{"event":"meeting.started","payload":{"object":{"join_url":"https:\\/\\/zoom.us\\/j\\/1"}}}', "utf8")],
    ["insignificant whitespace", Buffer.from('{ "event" : "meeting.started",\n\t"payload" : { } }\r\n', "utf8")],
    ["60.0 and a big integer", Buffer.from('{"event":"meeting.started","payload":{"object":{"duration":60.0,"id":12345678901234567890}}}', "utf8")],
    ["bytes that are not UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x80, 0x7d])],
    ["an empty body", Buffer.alloc(0)],
  ];

  for (const [name, bytes] of bodies) {
    it(`${name}: signs and verifies over the exact bytes`, () => {
      const sig = signPayload("s3cret", KAT_TS, bytes);
      assert.equal(sig, independentSign("s3cret", KAT_TS, bytes));
      assert.equal(verifySignature({ secret: "s3cret", timestamp: String(KAT_TS), signature: sig, body: bytes, nowMs: AT_KAT }).verification, "valid");
    });
  }

  it("a re-serialised copy of an escaped body does not verify (the classic sample-app bug)", () => {
    const raw = '{"event":"meeting.started","payload":{"object":{"topic":"Caf\\u00e9","url":"a\\/b"}}}';
    const sig = signPayload("s3cret", KAT_TS, raw);
    const reserialised = JSON.stringify(JSON.parse(raw));
    assert.notEqual(reserialised, raw);
    assert.equal(verifySignature({ secret: "s3cret", timestamp: String(KAT_TS), signature: sig, body: reserialised, nowMs: AT_KAT }).verification, "invalid");
  });

  it("a Uint8Array view signs only its own window of a larger buffer", () => {
    const big = Buffer.from(`XXXX${KAT_BODY}YYYY`);
    const view = big.subarray(4, 4 + 315);
    assert.equal(signPayload(KAT_SECRET, KAT_TS, view), KAT_SIG);
    assert.equal(verify({ body: view }).verification, "valid");
  });

  it("a string body is taken as UTF-8", () => {
    const text = '{"topic":"é"}';
    assert.equal(signPayload("k", 1, text), signPayload("k", 1, Buffer.from(text, "utf8")));
    assert.notEqual(signPayload("k", 1, text), signPayload("k", 1, Buffer.from(text, "latin1")));
  });
});

describe("malformed and length-mismatched signatures", () => {
  it("safeEqual is false on any length mismatch and never throws", () => {
    assert.equal(safeEqual(KAT_SIG, KAT_SIG.slice(0, -1)), false);
    assert.equal(safeEqual(KAT_SIG, `${KAT_SIG}0`), false);
    assert.equal(safeEqual("", KAT_SIG), false);
    assert.equal(safeEqual("é", "ee"), false); // same string length, different byte length
    assert.equal(safeEqual(KAT_SIG, KAT_SIG), true);
  });

  const shapes: Array<[string, string, RegExp]> = [
    ["one hex digit short", KAT_SIG.slice(0, -1), /66 characters|characters/],
    ["one hex digit long", `${KAT_SIG}0`, /characters/],
    ["no v0= prefix", KAT_SIG.slice(3), /without the v0= prefix/],
    ["upper-case hex", `v0=${KAT_SIG.slice(3).toUpperCase()}`, /upper-case/],
    ["base64", `v0=${Buffer.from(KAT_SIG.slice(3), "hex").toString("base64")}`, /base64/],
    ["v1 scheme", `v1=${KAT_SIG.slice(3)}`, /characters/],
    ["empty-ish", "v0=", /3 characters/],
    ["non-ASCII", `v0=${"é".repeat(64)}`, /characters/],
  ];
  for (const [name, signature, detail] of shapes) {
    it(`${name} → invalid, malformed_signature, no throw`, () => {
      const r = verify({ signature });
      assert.equal(r.verification, "invalid");
      assert.equal(r.diagnosis?.code, "malformed_signature");
      assert.match(r.diagnosis!.message, detail);
    });
  }
});

describe("tolerance edges with an injected clock", () => {
  it("defaults to 300 s", () => {
    assert.equal(DEFAULT_TOLERANCE_SECONDS, 300);
  });

  it("exactly 300 s old is valid; 301 s old is stale", () => {
    assert.equal(verify({ nowMs: AT_KAT + 300_000 }).verification, "valid");
    const stale = verify({ nowMs: AT_KAT + 301_000 });
    assert.equal(stale.verification, "stale");
    assert.equal(stale.diagnosis?.code, "clock_skew");
    assert.equal(stale.skewSeconds, -301);
    assert.match(stale.diagnosis!.message, /301 s old/);
  });

  it("future skew: 300 s ahead is valid, 301 s ahead is stale and says so", () => {
    assert.equal(verify({ nowMs: AT_KAT - 300_000 }).verification, "valid");
    const ahead = verify({ nowMs: AT_KAT - 301_000 });
    assert.equal(ahead.verification, "stale");
    assert.equal(ahead.skewSeconds, 301);
    assert.match(ahead.diagnosis!.message, /301 s in the future/);
  });

  it("a custom tolerance is honoured at its edge", () => {
    assert.equal(verify({ toleranceSeconds: 10, nowMs: AT_KAT + 10_000 }).verification, "valid");
    assert.equal(verify({ toleranceSeconds: 10, nowMs: AT_KAT + 11_000 }).verification, "stale");
  });

  it("tolerance 0 disables the check, even years later", () => {
    assert.equal(verify({ toleranceSeconds: 0, nowMs: AT_KAT + 5 * 365 * 86_400_000 }).verification, "valid");
    assert.equal(verify({ toleranceSeconds: 0, nowMs: 0 }).verification, "valid");
  });

  it("a wrong signature is invalid (not stale) however old, and mentions the skew", () => {
    const r = verify({ secret: "other", nowMs: AT_KAT + 3_600_000 });
    assert.equal(r.verification, "invalid");
    assert.equal(r.diagnosis?.code, "signature_mismatch");
    assert.match(r.diagnosis!.message, /3600 s off/);
  });
});

describe("each diagnosis code", () => {
  it("no_secret → unverified", () => {
    for (const secret of [undefined, ""]) {
      const r = verify({ secret });
      assert.equal(r.verification, "unverified");
      assert.equal(r.diagnosis?.code, "no_secret");
    }
  });

  it("missing_signature → unsigned", () => {
    for (const signature of [undefined, null, ""]) {
      const r = verify({ signature });
      assert.equal(r.verification, "unsigned");
      assert.equal(r.diagnosis?.code, "missing_signature");
    }
  });

  it("missing_timestamp → unsigned", () => {
    for (const timestamp of [undefined, null, ""]) {
      const r = verify({ timestamp });
      assert.equal(r.verification, "unsigned");
      assert.equal(r.diagnosis?.code, "missing_timestamp");
    }
  });

  it("bad_timestamp → invalid", () => {
    for (const timestamp of ["abc", "-5", "1739923528.5", " 1739923528", "1e9", "17399235280000"]) {
      const r = verify({ timestamp });
      assert.equal(r.verification, "invalid", timestamp);
      assert.equal(r.diagnosis?.code, "bad_timestamp", timestamp);
    }
  });

  it("secret_whitespace: the receiver's secret has a trailing newline or spaces", () => {
    for (const secret of [`${KAT_SECRET}\n`, ` ${KAT_SECRET}`, `${KAT_SECRET} \r\n`]) {
      const r = verify({ secret });
      assert.equal(r.verification, "invalid");
      assert.equal(r.diagnosis?.code, "secret_whitespace");
    }
  });

  it("body_reserialised: signed compact, received pretty-printed or with escapes", () => {
    const compact = JSON.stringify({ event: "meeting.started", payload: { object: { topic: "é/x" } } });
    const sig = signPayload("k", KAT_TS, compact);
    const received = [JSON.stringify(JSON.parse(compact), null, 2), compact.replace("é", "\\u00e9"), compact.replace("/", "\\/")];
    for (const body of received) {
      const r = verifySignature({ secret: "k", timestamp: String(KAT_TS), signature: sig, body, nowMs: AT_KAT });
      assert.equal(r.verification, "invalid");
      assert.equal(r.diagnosis?.code, "body_reserialised", body);
    }
  });

  it("signature_mismatch: a different secret, and a non-JSON body", () => {
    assert.equal(verify({ secret: "different" }).diagnosis?.code, "signature_mismatch");
    const r = verifySignature({ secret: "k", timestamp: "1", signature: signPayload("k", 1, "not json"), body: "not json!", nowMs: 1000 });
    assert.equal(r.diagnosis?.code, "signature_mismatch");
  });

  it("clock_skew → stale", () => {
    assert.equal(verify({ nowMs: AT_KAT + 600_000 }).diagnosis?.code, "clock_skew");
  });

  it("diagnoseMismatch never throws on garbage", () => {
    assert.equal(diagnoseMismatch("k", "1", "v0=00", Buffer.from([0xff, 0x00])).code, "signature_mismatch");
  });
});

it("a millisecond timestamp is named as such, not as clock skew", () => {
  const ms = "1739923528000";
  const body = '{"event":"meeting.started"}';
  const r = verifySignature({ secret: "s", timestamp: ms, signature: signPayload("s", ms, body), body, nowMs: 1739923528000 });
  assert.equal(r.verification, "stale");
  assert.match(r.diagnosis!.message, /milliseconds/);
});
