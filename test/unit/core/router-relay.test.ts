// Forwarding rules: event patterns, route choice, when the relay hands over, and which headers cross it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRelay, routeFor, type ForwardConfig } from "../../../src/session/router.js";
import { matchesPattern } from "../../../src/shared/pattern.js";
import { relayRequestHeaders, relayResponseHeaders } from "../../../src/forwarder/headers.js";
import type { Delivery } from "../../../src/receiver/server.js";
import { classifyBody } from "../../../src/providers/zoom/classify.js";

describe("matchesPattern", () => {
  const cases: Array<[string, string, boolean]> = [
    ["meeting.started", "meeting.started", true],
    ["meeting.started", "meeting.started2", false],
    ["meeting.started", "meeting.ended", false],
    ["meeting.*", "meeting.started", true],
    ["meeting.*", "meeting.participant_joined", true],
    ["meeting.*", "webinar.started", false],
    ["meeting.*", "meetingXstarted", false],
    ["*.completed", "recording.completed", true],
    ["*.completed", "recording.completed_x", false],
    ["*", "anything.at_all", true],
    ["meeting.*_joined", "meeting.participant_joined", true],
    ["meeting.*_joined", "meeting.participant_left", false],
    ["a+b.(x)", "a+b.(x)", true],
    ["a+b.*", "aab.c", false],
  ];
  for (const [pattern, event, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${event}`, () => {
      assert.equal(matchesPattern(pattern, event), expected);
    });
  }
});

describe("routeFor and createRelay", () => {
  const config: ForwardConfig = {
    to: "http://127.0.0.1:9/default",
    routes: [
      { event: "recording.*", url: "http://127.0.0.1:9/recordings" },
      { event: "recording.completed", url: "http://127.0.0.1:9/never" },
      { event: "meeting.started", url: "http://127.0.0.1:9/started" },
    ],
    forwardCrc: false,
    timeoutMs: 1000,
  };

  it("the first matching route wins; otherwise --forward-to; no event goes to --forward-to", () => {
    assert.equal(routeFor(config, "recording.completed"), "http://127.0.0.1:9/recordings");
    assert.equal(routeFor(config, "meeting.started"), "http://127.0.0.1:9/started");
    assert.equal(routeFor(config, "user.created"), "http://127.0.0.1:9/default");
    assert.equal(routeFor(config, undefined), "http://127.0.0.1:9/default");
    assert.equal(routeFor({ ...config, to: undefined }, "user.created"), undefined);
  });

  const delivery = (body: string): Delivery => ({
    method: "POST",
    path: "/webhook",
    headers: [],
    body: Buffer.from(body),
    classified: classifyBody(Buffer.from(body)),
    verdict: { verification: "valid" },
  });
  const crc = delivery('{"event":"endpoint.url_validation","payload":{"plainToken":"t"}}');

  it("zoomhook answers the CRC itself when it has the secret", () => {
    assert.equal(createRelay(config, "secret")(crc), undefined);
  });

  it("the CRC goes to the app with --forward-crc, or when zoomhook has no secret", async () => {
    for (const [cfg, secret] of [[{ ...config, forwardCrc: true }, "secret"], [config, undefined]] as const) {
      const relayed = createRelay(cfg, secret)(crc);
      assert.ok(relayed, "expected the CRC to be forwarded");
      const r = await relayed; // port 9 on loopback: nothing listens, so the app is "down"
      assert.equal(r.forward.url, "http://127.0.0.1:9/default");
      assert.equal(r.response.status, 502);
    }
  });

  it("an event with no route and no --forward-to is answered by zoomhook", () => {
    assert.equal(createRelay({ ...config, to: undefined }, "secret")(delivery('{"event":"user.created"}')), undefined);
  });
});

describe("relay header filtering", () => {
  it("drops hop-by-hop, Connection-listed, Host, Content-Length and zoomhook's own markers; keeps the rest", () => {
    const out = relayRequestHeaders([
      ["Host", "127.0.0.1:4050"],
      ["Content-Length", "27"],
      ["Connection", "keep-alive, X-Hop-Custom"],
      ["X-Hop-Custom", "drop me"],
      ["Keep-Alive", "timeout=5"],
      ["Transfer-Encoding", "chunked"],
      ["TE", "trailers"],
      ["Trailer", "x-foo"],
      ["Upgrade", "h2c"],
      ["Proxy-Authorization", "Basic x"],
      ["Proxy-Connection", "keep-alive"],
      ["x-zoomhook-replay-of", "01abc"],
      ["Content-Type", "application/json; charset=utf-8"],
      ["User-Agent", "Zoom Marketplace/1.0a"],
      ["x-zm-request-timestamp", "1700000000"],
      ["x-zm-signature", "v0=abc"],
      ["x-zm-request-id", "a_b"],
      ["traceparent", "00-1-2-01"],
      ["Authorization", "Bearer tok"],
      ["X-Dup", "a"],
      ["x-dup", "b"],
    ]);
    assert.deepEqual(out, {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Zoom Marketplace/1.0a",
      "x-zm-request-timestamp": "1700000000",
      "x-zm-signature": "v0=abc",
      "x-zm-request-id": "a_b",
      traceparent: "00-1-2-01",
      authorization: "Bearer tok",
      "x-dup": "a, b",
    });
  });

  it("response headers: framing, date and hop-by-hop dropped; the app's own kept", () => {
    assert.deepEqual(
      relayResponseHeaders({
        "Content-Length": "2",
        date: "x",
        connection: "keep-alive",
        "keep-alive": "timeout=5",
        "transfer-encoding": "chunked",
        "Content-Type": "text/plain",
        "X-App": "1",
      }),
      { "content-type": "text/plain", "x-app": "1" },
    );
  });
});
