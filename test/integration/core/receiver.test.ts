// The receiver over real HTTP on 127.0.0.1:0: every status, the CRC, oversize bodies, socket garbage, aborts, persistence.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { startReceiver, type Receiver, type ReceiverOptions } from "../../../src/receiver/index.js";
import { REPLAY_OF_HEADER as REPLAY_HEADER } from "../../../src/shared/capture.js";
import type { Capture } from "../../../src/shared/capture.js";
import { fixedClock } from "../../../src/shared/clock.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { deferred, httpRequest, rawExchange } from "./http-helpers.js";

const SECRET = "receiver_secret";
const NOW = 1_750_000_000_000;
const TS = NOW / 1000;
const EVENT = '{"event":"meeting.started","event_ts":1750000000000,"payload":{"object":{"topic":"Café ☕"}}}';
const CRC = '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1,"event":"endpoint.url_validation"}';

function signed(body: string | Buffer, secret = SECRET, timestamp = TS) {
  return zoomHeaders({ body, secret, timestamp });
}

async function withReceiver(options: ReceiverOptions, fn: (r: Receiver, captures: Capture[]) => Promise<void>) {
  const captures: Capture[] = [];
  const receiver = await startReceiver({ clock: fixedClock(NOW), onCapture: (c) => captures.push(c), ...options });
  try {
    await fn(receiver, captures);
  } finally {
    await receiver.close();
  }
}

describe("receiver with a secret", () => {
  let r: Receiver;
  const captures: Capture[] = [];
  const errors: unknown[] = [];
  before(async () => {
    r = await startReceiver({ secret: SECRET, clock: fixedClock(NOW), maxBody: 1024, onCapture: (c) => captures.push(c), onError: (e) => errors.push(e) });
  });
  after(async () => {
    await r.close();
    assert.deepEqual(errors, []);
  });
  const last = () => captures[captures.length - 1]!;

  it("listens on loopback at a free port, on /webhook", () => {
    assert.equal(r.host, "127.0.0.1");
    assert.ok(r.port > 0);
    assert.equal(r.url, `http://127.0.0.1:${r.port}/webhook`);
  });

  it("a valid event → 200 JSON, captured as valid with the exact bytes and headers in order", async () => {
    const headers = signed(EVENT);
    const res = await httpRequest(r.url, { headers, body: EVENT });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/json; charset=utf-8");
    assert.deepEqual(JSON.parse(res.text), { status: "received" });
    const c = last();
    assert.equal(c.kind, "event");
    assert.equal(c.event, "meeting.started");
    assert.equal(c.verification, "valid");
    assert.equal(c.diagnosis, undefined);
    assert.ok(c.body.equals(Buffer.from(EVENT)));
    assert.equal(c.bodySize, Buffer.byteLength(EVENT));
    assert.equal(c.truncated, false);
    assert.equal(c.response.status, 200);
    assert.equal(c.receivedAt, new Date(NOW).toISOString());
    assert.equal(c.remoteAddress, "127.0.0.1");
    const names = c.headers.map(([k]) => k.toLowerCase());
    const zoomOrder = Object.keys(headers);
    assert.deepEqual(names.filter((n) => zoomOrder.includes(n)), zoomOrder);
    assert.equal(c.headers.find(([k]) => k.toLowerCase() === "x-zm-signature")?.[1], headers["x-zm-signature"]);
  });

  // Bodies whose bytes differ from JSON.stringify(JSON.parse(body)): verification must use the bytes as received.
  const rawShapes: Array<[string, string]> = [
    ["pretty-printed", '{\n  "event": "meeting.started",\n  "payload": {\n    "object": { "topic": "Standup" }\n  }\n}\n'],
    ["escaped", '{"event":"meeting.started","payload":{"object":{"topic":"Caf\\u00e9 \\ud83c\\udf89","url":"https:\\/\\/zoom.us\\/j\\/1"}}}'],
    ["CRLF and tabs", '{\r\n\t"event":"meeting.started",\r\n\t"payload":{}\r\n}'],
  ];
  for (const [name, body] of rawShapes) {
    it(`a ${name} signed body is valid, and kept byte for byte`, async () => {
      assert.notEqual(JSON.stringify(JSON.parse(body)), body, "the shape survives re-serialisation: not a test of raw bytes");
      const res = await httpRequest(r.url, { headers: signed(body), body });
      assert.equal(res.status, 200, res.text);
      assert.equal(last().verification, "valid");
      assert.ok(last().body.equals(Buffer.from(body)));
      // The same bytes, re-serialised after signing, no longer verify.
      const reserialised = JSON.stringify(JSON.parse(body));
      const bad = await httpRequest(r.url, { headers: signed(body), body: reserialised });
      assert.equal(bad.status, 401);
      assert.equal(last().verification, "invalid");
    });
  }

  it("a valid CRC → 200 {plainToken, encryptedToken}", async () => {
    const res = await httpRequest(r.url, { headers: signed(CRC), body: CRC });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), {
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: (await import("../../../src/providers/zoom/crc.js")).computeEncryptedToken(SECRET, "qgg8vlvZRS6UYooatFL8Aw"),
    });
    assert.equal(last().kind, "crc");
  });

  it("a CRC signed with the wrong secret → 401, never the token", async () => {
    const res = await httpRequest(r.url, { headers: signed(CRC, "other"), body: CRC });
    assert.equal(res.status, 401);
    assert.equal(res.text.includes("encryptedToken"), false);
  });

  const rejected: Array<[string, () => Record<string, string>, string, string]> = [
    ["wrong secret", () => signed(EVENT, "other"), "invalid", "signature_mismatch"],
    ["stale timestamp", () => signed(EVENT, SECRET, TS - 301), "stale", "clock_skew"],
    ["unsigned", () => zoomHeaders({ body: EVENT, timestamp: TS, signature: "none" }), "unsigned", "missing_signature"],
    ["malformed signature", () => ({ ...signed(EVENT), "x-zm-signature": "sha256=abc" }), "invalid", "malformed_signature"],
  ];
  for (const [name, headers, verification, code] of rejected) {
    it(`${name} → 401 with the reason`, async () => {
      const res = await httpRequest(r.url, { headers: headers(), body: EVENT });
      assert.equal(res.status, 401);
      const body = JSON.parse(res.text) as { error: string; message: string };
      assert.equal(body.error, verification);
      assert.equal(body.message, last().diagnosis?.message);
      assert.equal(last().verification, verification);
      assert.equal(last().diagnosis?.code, code);
    });
  }

  it("malformed bodies → 400, signed or not", async () => {
    for (const body of ["not json", "[]", '{"no":"event"}', ""]) {
      const res = await httpRequest(r.url, { headers: signed(body), body });
      assert.equal(res.status, 400, body);
      assert.equal(JSON.parse(res.text).error, "malformed");
      assert.equal(last().kind, "malformed");
    }
  });

  it("a CRC without plainToken → 400", async () => {
    const body = '{"event":"endpoint.url_validation","payload":{}}';
    assert.equal((await httpRequest(r.url, { headers: signed(body), body })).status, 400);
  });

  it("wrong method → 405 with Allow: POST; wrong path → 404; a query string on the right path is fine", async () => {
    const get = await httpRequest(r.url, { method: "GET" });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, "POST");
    const put = await httpRequest(r.url, { method: "PUT", headers: signed(EVENT), body: EVENT });
    assert.equal(put.status, 405);
    const wrong = await httpRequest(`http://127.0.0.1:${r.port}/hook`, { headers: signed(EVENT), body: EVENT });
    assert.equal(wrong.status, 404);
    assert.match(JSON.parse(wrong.text).message, /\/webhook/);
    const query = await httpRequest(`${r.url}?source=zoom`, { headers: signed(EVENT), body: EVENT });
    assert.equal(query.status, 200);
    assert.equal(last().path, "/webhook?source=zoom");
  });

  it("a chunked body over --max-body → 413; the capture keeps a prefix, the full size and the full body's sha256", async () => {
    const big = Buffer.alloc(5000, "a");
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(r.url, { method: "POST", headers: signed(big), agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(big.subarray(0, 3000));
      req.end(big.subarray(3000));
    });
    assert.equal(res, 413);
    const c = last();
    assert.equal(c.truncated, true);
    assert.equal(c.bodySize, 5000);
    assert.equal(c.body.length, 1024);
    assert.ok(c.body.equals(big.subarray(0, 1024)));
    assert.equal(c.bodySha256, createHash("sha256").update(big).digest("hex"));
    assert.equal(c.verification, "unverified");
    assert.equal(c.diagnosis?.code, "body_too_large");
  });

  it("a body of exactly --max-body is accepted whole", async () => {
    const pad = "x".repeat(1024 - '{"event":"meeting.started","pad":""}'.length);
    const body = `{"event":"meeting.started","pad":"${pad}"}`;
    assert.equal(Buffer.byteLength(body), 1024);
    const res = await httpRequest(r.url, { headers: signed(body), body });
    assert.equal(res.status, 200);
    assert.equal(last().truncated, false);
  });

  it("a chunked body (no content-length) is read whole", async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(r.url, { method: "POST", headers: signed(EVENT), agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const bytes = Buffer.from(EVENT);
      req.write(bytes.subarray(0, 10));
      setImmediate(() => req.end(bytes.subarray(10)));
    });
    assert.equal(res, 200);
    assert.ok(last().body.equals(Buffer.from(EVENT)));
  });

  it("marks replays from the x-zoomhook-replay-of header", async () => {
    await httpRequest(r.url, { headers: { ...signed(EVENT), [REPLAY_HEADER]: "01orig" }, body: EVENT });
    assert.equal(last().replayOf, "01orig");
  });

  it("garbage on the socket gets a 400 and the server keeps serving", async () => {
    const answer = await rawExchange(r.port, "THIS IS NOT HTTP\r\n\r\n");
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
    const binary = await rawExchange(r.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]));
    assert.match(binary, /^HTTP\/1\.1 400/);
    const bad = await rawExchange(r.port, "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    assert.match(bad, /^HTTP\/1\.1 400/);
    assert.equal((await httpRequest(r.url, { headers: signed(EVENT), body: EVENT })).status, 200);
  });

  it("an aborted body is dropped without a capture, and the server keeps serving", async () => {
    const before = captures.length;
    await new Promise<void>((resolve) => {
      const req = request(r.url, { method: "POST", headers: { ...signed(EVENT), "content-length": "1000" }, agent: false });
      req.on("error", () => resolve());
      // Gone once the receiver has the request in hand and part of its body: no sleeping to get there.
      r.server.once("request", (incoming: import("node:http").IncomingMessage) => incoming.once("data", () => req.destroy()));
      req.write("{\"event\":");
      req.on("close", () => resolve());
    });
    const res = await httpRequest(r.url, { headers: signed(EVENT), body: EVENT });
    assert.equal(res.status, 200);
    assert.equal(captures.length, before + 1);
    assert.equal(last().verification, "valid");
  });
});

describe("receiver without a secret", () => {
  it("accepts events as unverified with 200, and cannot answer the CRC", async () => {
    await withReceiver({}, async (r, captures) => {
      const res = await httpRequest(r.url, { headers: signed(EVENT, "whatever"), body: EVENT });
      assert.equal(res.status, 200);
      assert.equal(captures[0]!.verification, "unverified");
      assert.equal(captures[0]!.diagnosis?.code, "no_secret");
      const crc = await httpRequest(r.url, { headers: signed(CRC), body: CRC });
      assert.equal(crc.status, 500);
      assert.match(JSON.parse(crc.text).message, /ZOOM_WEBHOOK_SECRET_TOKEN/);
    });
  });
});

describe("tolerance", () => {
  it("0 disables the timestamp check; a custom path is honoured", async () => {
    await withReceiver({ secret: SECRET, toleranceSeconds: 0, path: "/zoom/hooks" }, async (r, captures) => {
      assert.ok(r.url.endsWith("/zoom/hooks"));
      const res = await httpRequest(r.url, { headers: signed(EVENT, SECRET, TS - 86_400 * 30), body: EVENT });
      assert.equal(res.status, 200);
      assert.equal(captures[0]!.verification, "valid");
    });
  });
});

describe("persistence and onCapture", () => {
  it("the answer waits for persist while other requests are answered; onCapture follows persist", async () => {
    const order: string[] = [];
    const gate = deferred();
    const persisted = deferred();
    let n = 0;
    await withReceiver(
      {
        secret: SECRET,
        newId: () => `id-${++n}`,
        persist: async (c) => {
          order.push(`persist ${c.id}`);
          if (c.id === "id-1") {
            persisted.resolve();
            await gate.promise;
          }
        },
        onCapture: (c) => order.push(`capture ${c.id} ${c.response.status}`),
      },
      async (r) => {
        let answered = false;
        const first = httpRequest(r.url, { headers: signed(EVENT), body: EVENT }).then((res) => {
          answered = true;
          return res;
        });
        await persisted.promise;
        // A second request, answered, is the barrier (no sleeping): the first had every chance to answer early.
        assert.equal((await httpRequest(r.url, { headers: signed(EVENT), body: EVENT })).status, 200);
        assert.equal(answered, false, "answered before the capture was persisted");
        gate.resolve();
        assert.equal((await first).status, 200);
        assert.deepEqual(order, ["persist id-1", "persist id-2", "capture id-2 200", "capture id-1 200"]);
      },
    );
  });

  it("a persist failure → 503 (Zoom retries), reported through onError, captured as 503", async () => {
    const errors: unknown[] = [];
    const seen: Capture[] = [];
    await withReceiver(
      {
        secret: SECRET,
        persist: async () => {
          throw new Error("disk full");
        },
        onError: (e) => errors.push(e),
        onCapture: (c) => seen.push(c),
      },
      async (r) => {
        const res = await httpRequest(r.url, { headers: signed(EVENT), body: EVENT });
        assert.equal(res.status, 503);
        assert.equal(JSON.parse(res.text).error, "capture_failed");
        assert.equal((errors[0] as Error).message, "disk full");
        assert.equal(seen[0]!.response.status, 503);
      },
    );
  });

  it("the capture handed to persist already carries its real duration, the same one shown live", async () => {
    let atPersist = -1;
    const seen: Capture[] = [];
    await withReceiver(
      {
        secret: SECRET,
        // An app that takes a moment: the duration is then clearly not zero.
        relay: () =>
          new Promise((done) =>
            setTimeout(() => done({ response: { status: 200, headers: {}, body: "ok" }, forward: { url: "http://app.test/", status: 200, durationMs: 25 } }), 25),
          ),
        persist: async (c) => {
          atPersist = c.durationMs; // a store encodes the record now: what it saves is this value
        },
        onCapture: (c) => seen.push(c),
      },
      async (r) => {
        const res = await httpRequest(r.url, { headers: signed(EVENT), body: EVENT });
        assert.equal(res.status, 200);
        assert.ok(atPersist >= 20, `persisted durationMs ${atPersist}`);
        assert.equal(seen[0]!.durationMs, atPersist);
      },
    );
  });

  it("a relay that throws → 500, and the process survives", async () => {
    const errors: unknown[] = [];
    await withReceiver(
      {
        secret: SECRET,
        relay: () => Promise.reject(new Error("relay exploded")),
        onError: (e) => errors.push(e),
      },
      async (r) => {
        const res = await httpRequest(r.url, { headers: signed(EVENT), body: EVENT });
        assert.equal(res.status, 500);
        assert.equal((errors[0] as Error).message, "relay exploded");
      },
    );
  });
});

describe("start-up", () => {
  it("rejects with EADDRINUSE when the port is taken", async () => {
    const a = await startReceiver({});
    try {
      await assert.rejects(startReceiver({ port: a.port }), (err: NodeJS.ErrnoException) => err.code === "EADDRINUSE");
    } finally {
      await a.close();
    }
  });
});
