// The built `send` CLI: body probes (styles, key order, stale, duplicate, oversize), --seed and --meeting-id, --data bytes and stdin, unknown events.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, parseJsonLines, runCli, startListener, type World } from "../support/cli.js";
import { signedOverBytes, startTarget, type Recorded, type RecordingTarget } from "../integration/send/recording-target.js";

const SECRET = "e2e_probe_secret";
const COMPAT_NOTE = /does not survive JSON\.stringify\(JSON\.parse\(body\)\)/;
const TOPIC = "Café ☕ 会議";
// A fixed compact body (literal UTF-8, a slash in the timezone): every style must parse back to exactly this value.
const FIXED = JSON.stringify({
  event: "meeting.started",
  event_ts: 1739923527913,
  payload: {
    account_id: "AbCdEfGhIjKlMnOpQrStUv",
    object: { id: "85123456789", uuid: "4444AAAiAAAAAiAiAiiAii==", host_id: "x1yCzABCDEfg23HiJKl4mN", topic: TOPIC, type: 2, start_time: "2025-02-19T00:05:27Z", timezone: "America/Los_Angeles", duration: 30 },
  },
});

let world: World;
let fixedFile: string;
const open: RecordingTarget[] = [];
before(() => {
  world = makeWorld("zoomhook-send-probes-");
  fixedFile = join(world.root, "fixed.json");
  writeFileSync(fixedFile, FIXED);
});
after(async () => {
  killAll();
  await Promise.all(open.map((t) => t.close()));
  world.cleanup();
});
const target = async () => {
  const t = await startTarget();
  open.push(t);
  return t;
};
const send = (args: string[], input?: string | Buffer) =>
  runCli(["send", ...args], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, input });
const text = (r: Recorded) => r.body.toString("utf8");
const parsed = (r: Recorded) => JSON.parse(text(r)) as Record<string, unknown> & { event: string; payload: { object: Record<string, unknown> } };

/** One delivery to a fresh target; returns the request it saw. */
async function sendOne(args: string[], expectCode = 0) {
  const t = await target();
  const r = await send([...args, "--to", t.url]);
  assert.equal(r.code, expectCode, r.stderr);
  assert.equal(t.seen.length, 1);
  return { req: t.seen[0]!, result: r };
}

describe("--body-style", () => {
  it("compact over a compact --data body sends the same bytes and prints no note", async () => {
    const { req, result } = await sendOne(["--data", fixedFile, "--body-style", "compact"]);
    assert.equal(text(req), FIXED);
    assert.ok(signedOverBytes(req, SECRET));
    assert.doesNotMatch(result.stderr, COMPAT_NOTE);
  });

  for (const style of ["pretty", "escaped-unicode", "escaped-slashes"] as const) {
    it(`${style}: same parsed value, signed over its exact bytes, not re-serialisable, with the compat note`, async () => {
      const { req, result } = await sendOne(["--data", fixedFile, "--body-style", style]);
      assert.deepEqual(JSON.parse(text(req)), JSON.parse(FIXED));
      assert.ok(signedOverBytes(req, SECRET));
      assert.notEqual(JSON.stringify(JSON.parse(text(req))), text(req));
      assert.match(result.stderr, COMPAT_NOTE);
      if (style === "pretty") assert.match(text(req), /\n {2}"payload": \{/);
      if (style === "escaped-slashes") {
        assert.ok(text(req).includes("America\\/Los_Angeles"));
        assert.equal(/[^\\]\//.test(text(req)), false, "every slash is escaped");
      }
      if (style === "escaped-unicode") assert.equal(req.body.every((b) => b < 0x80), true);
    });
  }

  it("escaped-unicode on a catalog event: \\uXXXX escapes, no non-ASCII bytes, the topic round-trips", async () => {
    const { req, result } = await sendOne(["meeting.started", "--body-style", "escaped-unicode", "--set-string", `payload.object.topic=${TOPIC}`]);
    assert.equal(req.body.every((b) => b < 0x80), true, "pure ASCII on the wire");
    for (const esc of ["\\u00e9", "\\u2615", "\\u4f1a", "\\u8b70"]) assert.ok(text(req).toLowerCase().includes(esc), esc);
    assert.equal(parsed(req).payload.object.topic, TOPIC);
    assert.ok(signedOverBytes(req, SECRET));
    assert.match(result.stderr, COMPAT_NOTE);
  });

  it("--no-compat-check silences the note", async () => {
    const { result } = await sendOne(["meeting.started", "--body-style", "pretty", "--no-compat-check"]);
    assert.doesNotMatch(result.stderr, COMPAT_NOTE);
  });

  it("a compact catalog event prints no note", async () => {
    const { req, result } = await sendOne(["meeting.started", "--set-string", `payload.object.topic=${TOPIC}`]);
    assert.ok(text(req).includes(TOPIC), "literal UTF-8 by default, as Zoom sends");
    assert.doesNotMatch(result.stderr, COMPAT_NOTE);
  });
});

describe("other probes", () => {
  it("--key-order shuffled keeps the parsed value, changes the bytes, stays signed", async () => {
    const { req } = await sendOne(["--data", fixedFile, "--key-order", "shuffled", "--seed", "7"]);
    assert.deepEqual(JSON.parse(text(req)), JSON.parse(FIXED));
    assert.notEqual(text(req), FIXED);
    assert.ok(signedOverBytes(req, SECRET));
  });

  it("--stale 900 signs with a timestamp ~900 s old, and a zoomhook listener answers 401 stale", async () => {
    const listener = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", world.store], {
      cwd: world.cwd,
      env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET },
    });
    try {
      const now = Math.floor(Date.now() / 1000);
      const r = await send(["meeting.started", "--stale", "900", "--to", listener.ready.localUrl, "--json"]);
      assert.equal(r.code, 1, r.stderr);
      const [line] = parseJsonLines(r.stdout);
      assert.equal(line!.status, 401);
      assert.ok(Math.abs(now - 900 - (line!.timestamp as number)) <= 5, `timestamp ${String(line!.timestamp)} vs now ${now}`);
      assert.equal((JSON.parse(line!.responseBody as string) as { error: string }).error, "stale");
      const seen = await listener.waitForLine((l) => l.type === "request", 10_000);
      assert.equal(seen.verification, "stale");
      assert.equal(seen.status, 401);
    } finally {
      await listener.stop();
    }
  });

  it("--duplicate delivers twice: same request id, identical bytes and signature", async () => {
    const t = await target();
    const r = await send(["meeting.started", "--duplicate", "--to", t.url, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.seen.length, 2);
    const [a, b] = t.seen as [Recorded, Recorded];
    assert.deepEqual(a.body, b.body);
    for (const h of ["x-zm-request-id", "x-zm-request-timestamp", "x-zm-signature"]) assert.equal(a.headers[h], b.headers[h], h);
    assert.ok(signedOverBytes(b, SECRET));
    assert.deepEqual(parseJsonLines(r.stdout).map((l) => l.duplicate === true), [false, true]);
  });

  it("--oversize 64 → about 64 KB of valid JSON, still the same event, signed", async () => {
    const { req } = await sendOne(["meeting.created", "--oversize", "64", "--seed", "3"]);
    assert.ok(req.body.length > 62 * 1024 && req.body.length < 66 * 1024, `${req.body.length} bytes`);
    const body = parsed(req);
    assert.equal(body.event, "meeting.created");
    assert.equal(typeof body.payload.object.id, "number");
    assert.ok(signedOverBytes(req, SECRET));
    const { req: plain } = await sendOne(["meeting.created", "--seed", "3"]);
    const keys = (o: Record<string, unknown>) => Object.keys(o).sort();
    assert.deepEqual(keys(body.payload.object), keys(parsed(plain).payload.object), "only a value grew, no field was added");
    assert.equal(body.payload.object.uuid, parsed(plain).payload.object.uuid);
  });
});

/** The body with its times blanked: event_ts, time_stamp and ISO date-times may differ between runs. */
function timeless(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => timeless(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, timeless(v, k)]));
  if (typeof value === "number" && /(^|_)ts$|time_stamp|timestamp/.test(key)) return "<ms>";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return "<time>";
  return value;
}

describe("--seed and --meeting-id", () => {
  for (const event of ["meeting.created", "meeting.participant_joined"]) {
    it(`${event}: --seed 42 twice → the same body apart from times; --seed 43 differs`, async () => {
      const t = await target();
      for (const seed of ["42", "42", "43"]) assert.equal((await send([event, "--seed", seed, "--to", t.url])).code, 0);
      const [a, b, c] = t.seen.map((s) => timeless(parsed(s)));
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
      assert.notEqual(t.seen[0]!.headers["x-zm-request-id"], t.seen[1]!.headers["x-zm-request-id"], "request ids stay fresh");
    });
  }

  it("--meeting-id 85123456789 across a meeting's life: one id (number or string per Zoom's quirk) and one uuid", async () => {
    const t = await target();
    const life: Array<[string, "number" | "string"]> = [
      ["meeting.created", "number"],
      ["meeting.started", "string"],
      ["meeting.participant_joined", "string"],
      ["meeting.ended", "string"],
      ["recording.completed", "number"],
    ];
    for (const [event] of life) assert.equal((await send([event, "--meeting-id", "85123456789", "--to", t.url])).code, 0);
    const bodies = t.seen.map(parsed);
    assert.deepEqual(bodies.map((b) => b.event), life.map(([e]) => e));
    life.forEach(([event, type], i) => {
      const id = bodies[i]!.payload.object.id;
      assert.equal(typeof id, type, `${event} id type`);
      assert.equal(String(id), "85123456789", `${event} id`);
    });
    const uuids = new Set(bodies.map((b) => b.payload.object.uuid));
    assert.equal(uuids.size, 1);
    assert.match(String([...uuids][0]), /^[A-Za-z0-9+/]{22}==$/);
  });

  it("a --meeting-id that is not digits → exit 2, nothing sent", async () => {
    const t = await target();
    const r = await send(["meeting.started", "--meeting-id", "85-123", "--to", t.url]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(t.seen.length, 0);
  });
});

describe("--data", () => {
  it("sends a pretty-printed file's bytes exactly, trailing newline included, and names its event", async () => {
    const pretty = `${JSON.stringify(JSON.parse(FIXED), null, 4)}\n`;
    const file = join(world.root, "pretty.json");
    writeFileSync(file, pretty);
    const t = await target();
    const r = await send(["--data", file, "--to", t.url, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(t.seen[0]!.body, Buffer.from(pretty, "utf8"));
    assert.ok(signedOverBytes(t.seen[0]!, SECRET));
    assert.equal(parseJsonLines(r.stdout)[0]!.event, "meeting.started");
    assert.match(r.stderr, COMPAT_NOTE, "a pretty file would fail a re-serialising verifier");
  });

  it("--data - reads the body from stdin", async () => {
    const t = await target();
    const r = await send(["--data", "-", "--to", t.url], Buffer.from(FIXED, "utf8"));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(text(t.seen[0]!), FIXED);
    assert.ok(signedOverBytes(t.seen[0]!, SECRET));
    assert.match(r.stdout, /meeting\.started/);
  });

  it("--set with --data re-serialises and re-signs", async () => {
    const file = join(world.root, "spaced.json");
    writeFileSync(file, `${JSON.stringify(JSON.parse(FIXED), null, 2)}\n`);
    const { req } = await sendOne(["--data", file, "--set", "payload.object.duration=45", "--set-string", "payload.object.id=99999999999"]);
    const body = parsed(req);
    assert.equal(body.payload.object.duration, 45);
    assert.equal(body.payload.object.id, "99999999999");
    assert.equal(body.payload.object.topic, TOPIC);
    assert.equal(JSON.stringify(body), text(req), "compact again");
    assert.ok(signedOverBytes(req, SECRET));
  });

  it("an unknown event → exit 2 with did-you-mean suggestions, nothing sent", async () => {
    const t = await target();
    const r = await send(["meeting.partcipant_joined", "--to", t.url]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown Zoom event "meeting\.partcipant_joined"/);
    assert.match(r.stderr, /Did you mean [^\n]*"meeting\.participant_joined"/);
    assert.equal(r.stdout, "");
    assert.equal(t.seen.length, 0);
  });
});
