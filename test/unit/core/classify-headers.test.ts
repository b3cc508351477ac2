// classifyBody (event / crc / malformed, never throwing) and zoomHeaders (Zoom's header shapes, both profiles).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyBody } from "../../../src/providers/zoom/classify.js";
import { newRequestId, newTraceparent, zoomHeaders, ZOOM_CONTENT_TYPE, ZOOM_USER_AGENT } from "../../../src/providers/zoom/headers.js";
import { signPayload, verifySignature } from "../../../src/providers/zoom/signature.js";

const REQUEST_ID_RE = /^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/;
const TRACEPARENT_RE = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;
const b = (s: string) => Buffer.from(s, "utf8");

describe("classifyBody", () => {
  it("an event", () => {
    const c = classifyBody(b('{"event":"meeting.started","payload":{}}'));
    assert.equal(c.kind, "event");
    assert.equal(c.event, "meeting.started");
    assert.equal(c.problem, undefined);
  });

  it("a CRC with its plainToken", () => {
    const c = classifyBody(b('{"payload":{"plainToken":"abc"},"event_ts":1,"event":"endpoint.url_validation"}'));
    assert.deepEqual([c.kind, c.event, c.plainToken, c.problem], ["crc", "endpoint.url_validation", "abc", undefined]);
  });

  it("a CRC without a usable plainToken is still a CRC, with the problem named", () => {
    for (const body of ['{"event":"endpoint.url_validation"}', '{"event":"endpoint.url_validation","payload":{"plainToken":5}}', '{"event":"endpoint.url_validation","payload":null}']) {
      const c = classifyBody(b(body));
      assert.equal(c.kind, "crc", body);
      assert.equal(c.plainToken, undefined);
      assert.match(c.problem ?? "", /plainToken/);
    }
  });

  const malformed: Array<[string, Uint8Array, RegExp]> = [
    ["empty", new Uint8Array(0), /empty/],
    ["not JSON", b("hello"), /not JSON/],
    ["truncated JSON", b('{"event":"meeting.st'), /not JSON/],
    ["an array", b("[1]"), /not an object/],
    ["null", b("null"), /not an object/],
    ["a string", b('"meeting.started"'), /not an object/],
    ["no event", b('{"payload":{}}'), /no "event"/],
    ["an empty event", b('{"event":""}'), /no "event"/],
    ["a numeric event", b('{"event":5}'), /no "event"/],
    ["binary", Buffer.from([0xff, 0xfe, 0x00]), /not JSON/],
  ];
  for (const [name, body, problem] of malformed) {
    it(`malformed: ${name}`, () => {
      const c = classifyBody(body);
      assert.equal(c.kind, "malformed");
      assert.match(c.problem ?? "", problem);
    });
  }

  it("reads only the view's own bytes of a larger buffer", () => {
    const whole = b('garbage{"event":"meeting.ended"}garbage');
    assert.equal(classifyBody(whole.subarray(7, 7 + 25)).event, "meeting.ended");
  });
});

describe("zoomHeaders", () => {
  const body = '{"event":"meeting.started"}';

  it("the current profile: Zoom's names, lower case, signature over exactly these bytes", () => {
    const h = zoomHeaders({ body, secret: "k", timestamp: 1700000000 });
    assert.deepEqual(Object.keys(h).sort(), ["content-type", "traceparent", "user-agent", "x-zm-request-id", "x-zm-request-timestamp", "x-zm-signature"]);
    assert.equal(h["content-type"], ZOOM_CONTENT_TYPE);
    assert.equal(h["content-type"], "application/json; charset=utf-8");
    assert.equal(h["user-agent"], ZOOM_USER_AGENT);
    assert.equal(h["user-agent"], "Zoom Marketplace/1.0a");
    assert.equal(h["x-zm-request-timestamp"], "1700000000");
    assert.equal(h["x-zm-signature"], signPayload("k", 1700000000, body));
    assert.match(h["x-zm-request-id"]!, REQUEST_ID_RE);
    assert.match(h.traceparent!, TRACEPARENT_RE);
    const v = verifySignature({ secret: "k", timestamp: h["x-zm-request-timestamp"], signature: h["x-zm-signature"], body, nowMs: 1700000000_000 });
    assert.equal(v.verification, "valid");
  });

  it("fresh ids each time, or the given request id kept (a retry)", () => {
    const a = zoomHeaders({ body, secret: "k", timestamp: 1 });
    const c = zoomHeaders({ body, secret: "k", timestamp: 1 });
    assert.notEqual(a["x-zm-request-id"], c["x-zm-request-id"]);
    assert.notEqual(a.traceparent, c.traceparent);
    assert.equal(zoomHeaders({ body, secret: "k", timestamp: 1, requestId: "keep_me" })["x-zm-request-id"], "keep_me");
    assert.match(newRequestId(), REQUEST_ID_RE);
    assert.match(newTraceparent(), TRACEPARENT_RE);
  });

  it("a bad signature is well-formed but wrong", () => {
    const h = zoomHeaders({ body, secret: "k", timestamp: 1700000000, signature: "bad" });
    assert.match(h["x-zm-signature"]!, /^v0=[0-9a-f]{64}$/);
    const v = verifySignature({ secret: "k", timestamp: h["x-zm-request-timestamp"], signature: h["x-zm-signature"], body, nowMs: 1700000000_000 });
    assert.equal(v.verification, "invalid");
  });

  it("no signature: neither signature nor timestamp header", () => {
    const h = zoomHeaders({ body, timestamp: 1, signature: "none" });
    assert.equal("x-zm-signature" in h, false);
    assert.equal("x-zm-request-timestamp" in h, false);
    assert.match(h["x-zm-request-id"]!, REQUEST_ID_RE);
  });

  it("the legacy profile adds x-zm-trackingid, clientid and the verification token in authorization", () => {
    const h = zoomHeaders({ body, secret: "k", timestamp: 1, profile: "legacy", verificationToken: "vtok" });
    assert.match(h["x-zm-trackingid"]!, /^v=2\.0&clid=[a-z0-9]+&rid=WEB_[0-9a-f]{32}$/);
    assert.match(h.clientid!, /^[A-Za-z0-9_-]{1,22}$/);
    assert.equal(h.authorization, "vtok");
    const current = zoomHeaders({ body, secret: "k", timestamp: 1 });
    for (const name of ["x-zm-trackingid", "clientid", "authorization"]) assert.equal(name in current, false);
  });
});
