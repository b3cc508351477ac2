// The built `send` CLI: Zoom-style --retries (what is retried, re-signing, exit codes, --json attempts) and --count/--concurrency summaries.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, parseJsonLines, runCli, type World } from "../support/cli.js";
import { closedPort, expectedSignature, REQUEST_ID_SHAPE, signedOverBytes, startTarget, type RecordingTarget } from "../integration/send/recording-target.js";

const SECRET = "e2e_retry_secret";
const SCALE = ["--retries", "--time-scale", "0.0001"];
let world: World;
const open: RecordingTarget[] = [];
before(() => {
  world = makeWorld("zoomhook-send-retries-");
});
after(async () => {
  killAll();
  await Promise.all(open.map((t) => t.close()));
  world.cleanup();
});
const target = async (...args: Parameters<typeof startTarget>) => {
  const t = await startTarget(...args);
  open.push(t);
  return t;
};
const send = (args: string[]) => runCli(["send", ...args], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, timeoutMs: 30_000 });

interface DeliveryLine {
  type: string;
  attempt: number;
  index: number;
  status?: number;
  requestId?: string;
  timestamp?: number;
  errorKind?: string;
  retryInMs?: number;
  duplicate?: boolean;
}
const deliveries = (stdout: string) => parseJsonLines(stdout).filter((l) => l.type === "delivery") as unknown as DeliveryLine[];

describe("--retries", () => {
  it("503, 503, 200 → three attempts, one request id, each validly re-signed; --json shows each attempt; exit 0", async () => {
    const t = await target([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.seen.length, 3);
    const id = t.seen[0]!.headers["x-zm-request-id"];
    assert.match(String(id), REQUEST_ID_SHAPE);
    for (const s of t.seen) {
      assert.equal(s.headers["x-zm-request-id"], id);
      assert.deepEqual(s.body, t.seen[0]!.body, "a retry carries the same bytes");
      assert.equal(s.headers["x-zm-signature"], expectedSignature(SECRET, String(s.headers["x-zm-request-timestamp"]), s.body), "signed for its own timestamp");
    }
    const lines = deliveries(r.stdout);
    assert.deepEqual(lines.map((l) => [l.attempt, l.status, l.requestId]), [[1, 503, id], [2, 503, id], [3, 200, id]]);
    assert.deepEqual(lines.map((l) => l.timestamp), t.seen.map((s) => Number(s.headers["x-zm-request-timestamp"])));
    assert.ok(lines[0]!.retryInMs! > 0 && lines[1]!.retryInMs! > lines[0]!.retryInMs!, "Zoom's growing spacing, scaled");
    assert.equal(lines[2]!.retryInMs, undefined);
  });

  it("the human report says a retry reuses the request id", async () => {
    const t = await target([{ status: 500 }, { status: 200 }]);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /500 Internal Server Error/);
    assert.match(r.stdout, /retry 1, same request id/);
    assert.match(r.stdout, /200 OK/);
  });

  for (const [status, code] of [[400, 1], [401, 1], [302, 1]] as const) {
    it(`a ${status} answer → exactly one attempt (Zoom never retries it), exit ${code}`, async () => {
      const t = await target([{ status, headers: status === 302 ? { location: "/moved" } : {} }, { status: 200 }]);
      const r = await send(["meeting.started", "--to", t.url, ...SCALE, "--json"]);
      assert.equal(r.code, code, r.stderr);
      assert.equal(t.seen.length, 1);
      assert.deepEqual(deliveries(r.stdout).map((l) => [l.attempt, l.status, l.retryInMs]), [[1, status, undefined]]);
    });
  }

  it("a 4xx in the human report says the delivery would be lost", async () => {
    const t = await target([{ status: 401 }]);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /never retries a 3xx or 4xx/);
  });

  it("a closed port → the first attempt and 3 retries, then exit 4", async () => {
    const port = await closedPort();
    const r = await send(["meeting.started", "--to", `http://127.0.0.1:${port}/webhook`, ...SCALE, "--json"]);
    assert.equal(r.code, 4, r.stderr);
    const lines = deliveries(r.stdout);
    assert.deepEqual(lines.map((l) => [l.attempt, l.status, l.errorKind]), [1, 2, 3, 4].map((n) => [n, undefined, "refused"]));
    assert.equal(new Set(lines.map((l) => l.requestId)).size, 1);
  });

  it("an answer slower than --timeout is retried, and the retry succeeds", async () => {
    const t = await target([{ status: 200, delayMs: 3000 }, { status: 200 }]);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE, "--timeout", "300", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(deliveries(r.stdout).map((l) => [l.attempt, l.status, l.errorKind]), [[1, undefined, "timeout"], [2, 200, undefined]]);
    assert.equal(t.seen.length, 2);
    assert.equal(t.seen[0]!.headers["x-zm-request-id"], t.seen[1]!.headers["x-zm-request-id"]);
  });

  it("with --retries and no --timeout, Zoom's 3 s limit applies: a 4.5 s answer is a timeout and is retried", async () => {
    const t = await target([{ status: 200, delayMs: 4500 }, { status: 200 }]);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(deliveries(r.stdout).map((l) => [l.attempt, l.status, l.errorKind]), [[1, undefined, "timeout"], [2, 200, undefined]]);
  });

  it("without --retries the same 3.6 s answer is waited for, and the report warns that Zoom would have given up", async () => {
    const t = await target([{ status: 200, delayMs: 3600 }]);
    const r = await send(["meeting.started", "--to", t.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.seen.length, 1);
    assert.match(r.stdout, /200 OK/);
    assert.match(r.stderr, /Zoom gives up after 3 s/);
  });

  it("--retries with --stale keeps re-signing with an old timestamp", async () => {
    const t = await target([{ status: 503 }, { status: 200 }]);
    const now = Math.floor(Date.now() / 1000);
    const r = await send(["meeting.started", "--to", t.url, ...SCALE, "--stale", "900"]);
    assert.equal(r.code, 0, r.stderr);
    for (const s of t.seen) {
      assert.ok(Math.abs(now - 900 - Number(s.headers["x-zm-request-timestamp"])) <= 5);
      assert.ok(signedOverBytes(s, SECRET));
    }
  });
});

describe("--count and --concurrency", () => {
  it("--count 50 --concurrency 8 --json → 50 delivery lines and one summary: sent 50, ok 50", async () => {
    const t = await target([{ status: 200, delayMs: 2 }]);
    const r = await send(["meeting.started", "--to", t.url, "--count", "50", "--concurrency", "8", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = parseJsonLines(r.stdout);
    assert.equal(lines.length, 51);
    const ds = lines.filter((l) => l.type === "delivery");
    assert.equal(ds.length, 50);
    assert.deepEqual(
      ds.map((d) => d.index as number).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i),
    );
    const summary = lines.at(-1)!;
    assert.equal(summary.type, "summary");
    assert.deepEqual([summary.sent, summary.ok, summary.failed, summary.noAnswer], [50, 50, 0, 0]);
    assert.equal(t.seen.length, 50);
    assert.equal(new Set(t.seen.map((s) => s.headers["x-zm-request-id"])).size, 50, "fresh request id per delivery");
    assert.equal(new Set(t.seen.map((s) => s.body.toString("utf8"))).size, 50, "fresh body per delivery");
    for (const s of t.seen) assert.ok(signedOverBytes(s, SECRET));
  });

  it("half the answers 500 → exit 1 and the summary counts the failures", async () => {
    const t = await target((n) => ({ status: n % 2 === 0 ? 500 : 200 }));
    const r = await send(["meeting.started", "--to", t.url, "--count", "50", "--concurrency", "8", "--json"]);
    assert.equal(r.code, 1, r.stderr);
    const lines = parseJsonLines(r.stdout);
    assert.equal(lines.filter((l) => l.type === "delivery").length, 50);
    const summary = lines.at(-1)!;
    assert.equal(summary.type, "summary");
    assert.deepEqual([summary.sent, summary.ok, summary.failed, summary.noAnswer], [50, 25, 25, 0]);
  });

  it("without --json the summary line counts failures", async () => {
    const t = await target((n) => ({ status: n % 2 === 0 ? 500 : 200 }));
    const r = await send(["meeting.started", "--to", t.url, "--count", "10", "--concurrency", "4"]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^10 sent · 5 2xx · 5 failed · /m);
  });
});
