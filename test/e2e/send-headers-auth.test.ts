// The built `send` CLI: Zoom's header profiles, the authentication add-ons (basic, bearer, custom, OAuth), and conflicting flags as usage errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, type World } from "../support/cli.js";
import { closedPort, REQUEST_ID_SHAPE, signedOverBytes, startTarget, TRACEPARENT_SHAPE, type RecordingTarget } from "../integration/send/recording-target.js";

const SECRET = "e2e_send_secret";
let world: World;
const open: RecordingTarget[] = [];
before(() => {
  world = makeWorld("zoomhook-send-headers-");
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
const send = (args: string[]) => runCli(["send", ...args], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });

describe("header profiles", () => {
  it("--headers current (the default): exactly Zoom's header set, signed over the bytes received", async () => {
    const t = await target();
    const before = Math.floor(Date.now() / 1000);
    const r = await send(["meeting.started", "--to", t.url]);
    const afterTs = Math.floor(Date.now() / 1000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.seen.length, 1);
    const req = t.seen[0]!;
    const h = req.headers;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/webhook");
    assert.equal(h["content-type"], "application/json; charset=utf-8");
    assert.equal(h["user-agent"], "Zoom Marketplace/1.0a");
    const ts = Number(h["x-zm-request-timestamp"]);
    assert.match(String(h["x-zm-request-timestamp"]), /^\d{10}$/, "seconds, not milliseconds");
    assert.ok(ts >= before && ts <= afterTs, `timestamp ${ts} within [${before}, ${afterTs}]`);
    assert.match(String(h["x-zm-signature"]), /^v0=[0-9a-f]{64}$/);
    assert.ok(signedOverBytes(req, SECRET));
    assert.match(String(h["x-zm-request-id"]), REQUEST_ID_SHAPE);
    assert.match(String(h.traceparent), TRACEPARENT_SHAPE);
    for (const legacy of ["x-zm-trackingid", "clientid", "authorization"]) assert.equal(h[legacy], undefined, legacy);
    assert.equal(Number(h["content-length"]), req.body.length);
    const body = JSON.parse(req.body.toString("utf8")) as { event: string; event_ts: number };
    assert.equal(body.event, "meeting.started");
    assert.ok(Math.abs(body.event_ts - ts * 1000) < 5000, "event_ts is in milliseconds, near the signed timestamp");
    assert.match(r.stdout, /200/);
  });

  it("--headers legacy adds x-zm-trackingid, clientid and a verification-token authorization", async () => {
    const t = await target();
    const r = await send(["meeting.started", "--to", t.url, "--headers", "legacy"]);
    assert.equal(r.code, 0, r.stderr);
    const h = t.seen[0]!.headers;
    assert.match(String(h["x-zm-trackingid"]), /\S/);
    assert.match(String(h.clientid), /^[A-Za-z0-9_-]+$/);
    assert.match(String(h.authorization), /^[A-Za-z0-9_-]{10,}$/, "a bare verification token, not Basic/Bearer");
    assert.ok(signedOverBytes(t.seen[0]!, SECRET));
    assert.match(String(h["x-zm-request-id"]), REQUEST_ID_SHAPE);
  });

  it("--headers legacy: the verification token and client id belong to the app, so they stay the same across deliveries and retries", async () => {
    const t = await target([{ status: 503 }, { status: 200 }]);
    const r = await send(["meeting.started", "--to", t.url, "--headers", "legacy", "--retries", "--time-scale", "0.0001"]);
    assert.equal(r.code, 0, r.stderr);
    const many = await target();
    assert.equal((await send(["meeting.started", "--to", many.url, "--headers", "legacy", "--count", "3", "--concurrency", "2"])).code, 0);
    for (const seen of [t.seen, many.seen]) {
      assert.ok(seen.length >= 2);
      assert.equal(new Set(seen.map((s) => s.headers.authorization)).size, 1, "one verification token per run");
      assert.equal(new Set(seen.map((s) => s.headers.clientid)).size, 1, "one client id per run");
    }
    assert.equal(t.seen[0]!.headers["x-zm-request-id"], t.seen[1]!.headers["x-zm-request-id"]);
    assert.equal(new Set(many.seen.map((s) => s.headers["x-zm-request-id"])).size, 3);
  });

  it("--no-signature sends neither x-zm-signature nor x-zm-request-timestamp; --bad-signature sends one that fails", async () => {
    const t = await target();
    assert.equal((await send(["meeting.started", "--to", t.url, "--no-signature"])).code, 0);
    assert.equal(t.seen[0]!.headers["x-zm-signature"], undefined);
    assert.equal(t.seen[0]!.headers["x-zm-request-timestamp"], undefined);
    assert.equal((await send(["meeting.started", "--to", t.url, "--bad-signature"])).code, 0);
    assert.match(String(t.seen[1]!.headers["x-zm-signature"]), /^v0=[0-9a-f]{64}$/);
    assert.equal(signedOverBytes(t.seen[1]!, SECRET), false);
  });
});

describe("authentication add-ons", () => {
  it("--basic-auth user:pa:ss → Basic base64(user:pa:ss), signature untouched", async () => {
    const t = await target();
    const r = await send(["meeting.started", "--to", t.url, "--basic-auth", "user:pa:ss"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.seen[0]!.headers.authorization, `Basic ${Buffer.from("user:pa:ss").toString("base64")}`);
    assert.ok(signedOverBytes(t.seen[0]!, SECRET));
  });

  it("--bearer t → Bearer t", async () => {
    const t = await target();
    assert.equal((await send(["meeting.started", "--to", t.url, "--bearer", "t"])).code, 0);
    assert.equal(t.seen[0]!.headers.authorization, "Bearer t");
  });

  it("--custom-header x-my-auth:abc → that header; a name without x- → exit 2 and nothing sent", async () => {
    const t = await target();
    assert.equal((await send(["meeting.started", "--to", t.url, "--custom-header", "x-my-auth:abc"])).code, 0);
    assert.equal(t.seen[0]!.headers["x-my-auth"], "abc");
    assert.equal(t.seen[0]!.headers.authorization, undefined);
    const bad = await send(["meeting.started", "--to", t.url, "--custom-header", "my-auth:abc"]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--custom-header/);
    assert.match(bad.stderr, /x-/);
    assert.equal(bad.stdout, "");
    assert.equal(t.seen.length, 1);
  });

  it("--oauth-token-url: the token server gets a client-credentials POST; the webhook carries Bearer <access_token>", async () => {
    const tokens = await target([{ status: 200, body: JSON.stringify({ access_token: "tok_e2e_42", token_type: "bearer", expires_in: 3599 }) }]);
    const hook = await target();
    const r = await send(["meeting.started", "--to", hook.url, "--oauth-token-url", tokens.url, "--client-id", "my-client", "--client-secret", "s3cr:et"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(tokens.seen.length, 1);
    const tr = tokens.seen[0]!;
    assert.equal(tr.method, "POST");
    assert.equal(tr.headers.authorization, `Basic ${Buffer.from("my-client:s3cr:et").toString("base64")}`);
    assert.equal(new URLSearchParams(tr.body.toString("utf8")).get("grant_type"), "client_credentials");
    assert.equal(hook.seen.length, 1);
    assert.equal(hook.seen[0]!.headers.authorization, "Bearer tok_e2e_42");
    assert.ok(signedOverBytes(hook.seen[0]!, SECRET));
    assert.ok(tr.at <= hook.seen[0]!.at, "the token is fetched before the delivery");
  });

  it("a token answer with expires_in 3000 is refused: exit 3 naming expires_in, no delivery", async () => {
    const tokens = await target([{ status: 200, body: JSON.stringify({ access_token: "short", token_type: "bearer", expires_in: 3000 }) }]);
    const hook = await target();
    const r = await send(["meeting.started", "--to", hook.url, "--oauth-token-url", tokens.url, "--client-id", "c", "--client-secret", "s"]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /expires_in/);
    assert.match(r.stderr, /3599/);
    assert.equal(hook.seen.length, 0);
  });

  it("a token server that is down → exit 4, no delivery", async () => {
    const port = await closedPort();
    const hook = await target();
    const r = await send(["meeting.started", "--to", hook.url, "--oauth-token-url", `http://127.0.0.1:${port}/oauth/token`, "--client-id", "c", "--client-secret", "s"]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /token URL/);
    assert.equal(hook.seen.length, 0);
  });
});

describe("conflicting flags are usage errors naming both", () => {
  const cases: Array<[string, string[], [string, string]]> = [
    ["--stale with --timestamp", ["--stale", "900", "--timestamp", "1700000000"], ["--stale", "--timestamp"]],
    ["--headers legacy with --basic-auth", ["--headers", "legacy", "--basic-auth", "u:p"], ["--headers legacy", "--basic-auth"]],
    ["--headers legacy with --bearer", ["--headers", "legacy", "--bearer", "t"], ["--headers legacy", "--bearer"]],
    ["--headers legacy with --oauth-token-url", ["--headers", "legacy", "--oauth-token-url", "http://127.0.0.1:9/t", "--client-id", "c", "--client-secret", "s"], ["--headers legacy", "--oauth-token-url"]],
    ["--basic-auth with --bearer", ["--basic-auth", "u:p", "--bearer", "t"], ["--basic-auth", "--bearer"]],
    ["--bad-signature with --no-signature", ["--bad-signature", "--no-signature"], ["--bad-signature", "--no-signature"]],
    ["--duplicate with --retries", ["--duplicate", "--retries"], ["--duplicate", "--retries"]],
    ["--oauth-token-url without --client-id", ["--oauth-token-url", "http://127.0.0.1:9/t", "--client-secret", "s"], ["--oauth-token-url", "--client-id"]],
  ];
  for (const [name, flags, [a, b]] of cases) {
    it(`${name} → exit 2`, async () => {
      const t = await target();
      const r = await send(["meeting.started", "--to", t.url, ...flags]);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.includes(a), `stderr names ${a}: ${r.stderr}`);
      assert.ok(r.stderr.includes(b), `stderr names ${b}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.equal(t.seen.length, 0, "nothing is sent");
    });
  }
});
