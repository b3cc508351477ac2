// The sender core over real HTTP: Zoom-style retries (5xx/timeouts/refused retried, 3xx/4xx never), duplicates, concurrency, OAuth token fetch, --data bytes.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { authHeaders, fetchClientCredentialsToken } from "../../../src/sender/auth.js";
import { composer } from "../../../src/sender/compose.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";
import { deliverMany, type DeliveryResult, type Prepared } from "../../../src/sender/deliver.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { closedPort, REQUEST_ID_SHAPE, signedOverBytes, startTarget, type RecordingTarget } from "./recording-target.js";

const SECRET = "core_send_secret";
const BODY = Buffer.from('{"event":"meeting.started","event_ts":1,"payload":{"object":{"topic":"Café"}}}', "utf8");
const open: RecordingTarget[] = [];
after(async () => {
  await Promise.all(open.map((t) => t.close()));
});
const target = async (...args: Parameters<typeof startTarget>) => {
  const t = await startTarget(...args);
  open.push(t);
  return t;
};

let clockSkew = 0;
/** Signs like `send` does; every re-sign moves the clock one second so timestamps differ. */
function signed(body: Buffer, requestId?: string): Prepared {
  const timestamp = 1_700_000_000 + clockSkew++;
  return { event: "meeting.started", body, headers: zoomHeaders({ body, secret: SECRET, timestamp, requestId }), timestamp };
}
const retry = { delaysMs: [5, 5, 5], resign: (p: Prepared) => signed(p.body, p.headers["x-zm-request-id"]) };

async function run(url: string, extra: Partial<Parameters<typeof deliverMany>[0]> = {}) {
  const lines: DeliveryResult[] = [];
  const out = await deliverMany({ url, count: 1, concurrency: 1, timeoutMs: 3000, requestIdHeader: "x-zm-request-id", prepare: () => signed(BODY), onResult: (r) => lines.push(r), ...extra });
  return { ...out, lines };
}

describe("deliverMany with Zoom's retry rules", () => {
  it("503, 503, 200 → three attempts with one request id, each re-signed over the same bytes", async () => {
    const t = await target([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const { lines, summary } = await run(t.url, { retry });
    assert.deepEqual(lines.map((l) => [l.attempt, l.status]), [[1, 503], [2, 503], [3, 200]]);
    assert.equal(t.seen.length, 3);
    const ids = new Set(t.seen.map((s) => s.headers["x-zm-request-id"]));
    assert.equal(ids.size, 1);
    assert.match([...ids][0] as string, REQUEST_ID_SHAPE);
    assert.equal(new Set(t.seen.map((s) => s.headers["x-zm-request-timestamp"])).size, 3, "each attempt carries its own timestamp");
    for (const s of t.seen) {
      assert.deepEqual(s.body, BODY);
      assert.ok(signedOverBytes(s, SECRET));
    }
    assert.equal(lines[0]!.retryInMs, 5);
    assert.equal(lines[2]!.retryInMs, undefined);
    assert.deepEqual([summary.sent, summary.ok, summary.failed, summary.noAnswer], [1, 1, 0, 0]);
  });

  for (const status of [400, 401, 404, 302, 301]) {
    it(`${status} is never retried`, async () => {
      const t = await target([{ status, headers: status < 400 ? { location: "http://127.0.0.1:9/elsewhere" } : {} }]);
      const { lines, summary } = await run(t.url, { retry });
      assert.equal(t.seen.length, 1);
      assert.deepEqual(lines.map((l) => [l.attempt, l.status, l.retryInMs]), [[1, status, undefined]]);
      assert.deepEqual([summary.sent, summary.ok, summary.failed], [1, 0, 1]);
    });
  }

  it("a closed port → the first attempt and all three retries fail with no answer", async () => {
    const port = await closedPort();
    const { lines, summary } = await run(`http://127.0.0.1:${port}/`, { retry });
    assert.deepEqual(lines.map((l) => [l.attempt, l.status, l.errorKind]), [1, 2, 3, 4].map((n) => [n, undefined, "refused"]));
    assert.equal(new Set(lines.map((l) => l.requestId)).size, 1);
    assert.deepEqual([summary.sent, summary.noAnswer], [1, 1]);
  });

  it("an answer slower than the timeout is retried", async () => {
    const t = await target([{ status: 200, delayMs: 2000 }, { status: 200 }]);
    const { lines, summary } = await run(t.url, { retry, timeoutMs: 250 });
    assert.deepEqual(lines.map((l) => [l.attempt, l.status, l.errorKind]), [[1, undefined, "timeout"], [2, 200, undefined]]);
    assert.equal(t.seen.length, 2);
    assert.equal(t.seen[0]!.headers["x-zm-request-id"], t.seen[1]!.headers["x-zm-request-id"]);
    assert.equal(summary.ok, 1);
  });

  it("without a retry policy a 503 is reported once", async () => {
    const t = await target([{ status: 503 }]);
    const { lines } = await run(t.url);
    assert.equal(t.seen.length, 1);
    assert.deepEqual(lines.map((l) => [l.attempt, l.status]), [[1, 503]]);
  });
});

describe("deliverMany: duplicates and load", () => {
  it("duplicate delivers the identical request twice", async () => {
    const t = await target();
    const { lines, summary } = await run(t.url, { duplicate: true });
    assert.equal(t.seen.length, 2);
    assert.deepEqual(t.seen[0]!.body, t.seen[1]!.body);
    for (const h of ["x-zm-request-id", "x-zm-request-timestamp", "x-zm-signature"]) assert.equal(t.seen[0]!.headers[h], t.seen[1]!.headers[h], h);
    assert.deepEqual(lines.map((l) => l.duplicate === true), [false, true]);
    assert.equal(summary.sent, 2);
  });

  it("50 deliveries at concurrency 8, half answered 500: every one counted, never more than 8 in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const t = await target((n) => ({ status: n % 2 === 0 ? 200 : 500, delayMs: 5 }));
    const { lines, summary } = await run(t.url, {
      count: 50,
      concurrency: 8,
      prepare: () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        return signed(BODY);
      },
      onResult: () => inFlight--,
    });
    void lines;
    assert.equal(t.seen.length, 50);
    assert.ok(peak <= 8, `peak ${peak}`);
    assert.deepEqual([summary.sent, summary.ok, summary.failed, summary.noAnswer], [50, 25, 25, 0]);
    assert.equal(new Set(t.seen.map((s) => s.headers["x-zm-request-id"])).size, 50);
  });
});

describe("authHeaders: Zoom's authentication add-ons", () => {
  it("basic keeps every colon after the first in the password", async () => {
    const h = await authHeaders([{ kind: "basic", user: "user", password: "pa:ss" }]);
    assert.equal(h.authorization, `Basic ${Buffer.from("user:pa:ss").toString("base64")}`);
  });

  it("oauth: POSTs a client-credentials grant with Basic client id:secret and returns the bearer token", async () => {
    const t = await target([{ status: 200, body: JSON.stringify({ access_token: "tok_123", token_type: "bearer", expires_in: 3599 }) }]);
    const h = await authHeaders([{ kind: "oauth", tokenUrl: t.url, clientId: "cid", clientSecret: "c:sec" }]);
    assert.equal(h.authorization, "Bearer tok_123");
    assert.equal(t.seen.length, 1);
    const req = t.seen[0]!;
    assert.equal(req.method, "POST");
    assert.equal(req.headers.authorization, `Basic ${Buffer.from("cid:c:sec").toString("base64")}`);
    assert.equal(new URLSearchParams(req.body.toString("utf8")).get("grant_type"), "client_credentials");
    assert.match(String(req.headers["content-type"]), /^application\/x-www-form-urlencoded/);
  });

  const refusals: Array<[string, number, string, RegExp]> = [
    ["expires_in 3000", 200, JSON.stringify({ access_token: "t", expires_in: 3000 }), /expires_in/],
    ["no expires_in", 200, JSON.stringify({ access_token: "t" }), /expires_in/],
    ["no access_token", 200, JSON.stringify({ expires_in: 3600 }), /access_token/],
    ["a 401", 401, "{}", /401/],
    ["a non-JSON body", 200, "access_token=t", /not JSON/],
  ];
  for (const [name, status, body, why] of refusals) {
    it(`oauth: ${name} is refused as Zoom would (config error, exit 3)`, async () => {
      const t = await target([{ status, body }]);
      await assert.rejects(fetchClientCredentialsToken({ tokenUrl: t.url, clientId: "a", clientSecret: "b" }, 3000), (err: unknown) => {
        assert.ok(isZoomhookError(err));
        assert.equal(err.exitCode, 3);
        assert.match(err.message, why);
        return true;
      });
    });
  }

  it("oauth: a token server that is down is a network error (exit 4)", async () => {
    const port = await closedPort();
    await assert.rejects(fetchClientCredentialsToken({ tokenUrl: `http://127.0.0.1:${port}/token`, clientId: "a", clientSecret: "b" }, 3000), (err: unknown) => {
      assert.ok(isZoomhookError(err));
      assert.equal(err.exitCode, 4);
      return true;
    });
  });
});

describe("composer", () => {
  it("--data bytes go out untouched, pretty-printed with a trailing newline included", async () => {
    const raw = Buffer.from('{\n  "event": "meeting.ended",\n  "payload": { "object": { "topic": "a/b" } }\n}\n', "utf8");
    const compose = await composer(zoomProvider, { data: raw, overrides: [] });
    const first = compose(0);
    assert.equal(first.event, "meeting.ended");
    assert.deepEqual(first.body, raw);
    assert.deepEqual(compose(1).body, raw);
  });

  it("--data with an override re-serialises the parsed object", async () => {
    const raw = Buffer.from('{ "event": "meeting.ended", "payload": { "object": { "topic": "x" } } }', "utf8");
    const compose = await composer(zoomProvider, { data: raw, overrides: [{ path: "payload.object.topic", value: "y" }] });
    const body = compose(0).body.toString("utf8");
    assert.equal(body, '{"event":"meeting.ended","payload":{"object":{"topic":"y"}}}');
    assert.equal(JSON.parse(raw.toString("utf8")).payload.object.topic, "x", "the original bytes are not mutated");
  });

  it("an unknown event fails with suggestions (usage error)", async () => {
    await assert.rejects(composer(zoomProvider, { event: "meeting.startd", overrides: [] }), (err: unknown) => {
      assert.ok(isZoomhookError(err));
      assert.equal(err.exitCode, 2);
      assert.match(`${err.message} ${err.hint ?? ""}`, /meeting\.started/);
      return true;
    });
  });
});
