// The PostgreSQL store against a real server: migrations, exact round trips, queries, the events view, retention, the feed.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { summarize, type Capture } from "../../../src/shared/capture.js";
import { openCaptureStore, type OpenedCaptureStore } from "../../../src/store/open.js";
import type { FeedEvent } from "../../../src/store/feed.js";
import { makeCapture, sha256 } from "../../unit/store/capture-fixture.js";
import { createTestDatabase, type TestDatabase } from "../../support/postgres.js";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db?.drop();
});

const open = (schema: string, extra: Partial<Parameters<typeof openCaptureStore>[1]> = {}) =>
  openCaptureStore(db.storeUrl(schema), { mode: "write", ...extra });

async function withStore<T>(schema: string, fn: (s: OpenedCaptureStore) => Promise<T>, extra = {}): Promise<T> {
  const s = await open(schema, extra);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** What a read returns: a capture without a provider is Zoom's, and its delivery id is its x-zm-request-id. */
function normalized(c: Capture): Capture {
  const out: Capture = { ...c, provider: c.provider ?? "zoom" };
  const requestId = c.headers.find(([k]) => k.toLowerCase() === "x-zm-request-id")?.[1];
  if (out.dedupeKey === undefined && requestId !== undefined) out.dedupeKey = requestId;
  return out;
}

function zoomEvent(event: string, requestId: string, objectId: string): Capture {
  const body = Buffer.from(JSON.stringify({ event, event_ts: 1767225600000, payload: { account_id: "acc_1", object: { id: objectId, topic: "Standup" } } }));
  return makeCapture({ body, bodySize: body.length, event, headers: [["x-zm-request-id", requestId], ["Content-Type", "application/json"]] });
}

describe("migrations", () => {
  it("a fresh schema is created at the current version, with the captures table and the events view", async () => {
    await withStore("fresh", async () => {});
    const versions = await db.query<{ version: number }>("select version from fresh.schema_migrations order by version");
    assert.deepEqual(versions.map((r) => r.version), [1, 2]);
    const rel = await db.query<{ relname: string; relkind: string }>(
      "select relname, relkind from pg_class join pg_namespace n on n.oid = relnamespace where nspname = 'fresh' and relname in ('captures', 'events') order by relname");
    assert.deepEqual(rel, [{ relname: "captures", relkind: "r" }, { relname: "events", relkind: "v" }]);
  });

  it("re-running is a no-op, and two processes opening a fresh schema at once both succeed", async () => {
    await withStore("rerun", async (s) => s.writer!.append(makeCapture()));
    const [a, b] = await Promise.all([open("rerun"), open("race")]);
    const [c, d] = await Promise.all([open("race2"), open("race2")]);
    await Promise.all([a, b, c, d].map((s) => s.close()));
    assert.equal((await db.query("select * from rerun.schema_migrations")).length, 2);
    assert.equal((await db.query("select * from rerun.captures")).length, 1);
    assert.equal((await db.query("select * from race2.schema_migrations")).length, 2);
  });

  it("a read-only database user can read an up-to-date schema, and is told what is missing on a fresh one", async () => {
    await withStore("readonly", async (s) => s.writer!.append(makeCapture()));
    const role = `reader_${randomBytes(4).toString("hex")}`;
    const database = new URL(db.url).pathname.slice(1);
    await db.query(`create role ${role} login password 'ro-pass'`);
    await db.query(`grant connect on database ${database} to ${role}`);
    await db.query(`grant usage on schema readonly to ${role}`);
    await db.query(`grant select on all tables in schema readonly to ${role}`);
    const u = new URL(db.url);
    u.username = role;
    u.password = "ro-pass";
    u.searchParams.set("schema", "readonly");
    const reader = await openCaptureStore(u.toString(), { mode: "read" });
    assert.equal((await reader.reader.list()).length, 1);
    await reader.close();
    u.searchParams.set("schema", "never_made");
    await db.query(`revoke create on database ${database} from public`);
    await assert.rejects(openCaptureStore(u.toString(), { mode: "read" }), (e: Error & { code?: string; exitCode?: number }) => {
      assert.equal(e.code, "store_no_privilege");
      assert.equal(e.exitCode, 3);
      return true;
    });
    // Roles outlive databases: leave none behind on a server given by $ZOOMHOOK_TEST_DATABASE_URL.
    await db.query(`drop owned by ${role}`);
    await db.query(`revoke connect on database ${database} from ${role}`);
    await db.query(`drop role ${role}`);
  });

  it("a schema at version 1 is brought up to date: the listener index is added, its captures kept", async () => {
    const c = makeCapture();
    await withStore("upgrade", async (s) => s.writer!.append(c));
    // What version 1 left behind.
    await db.query("drop index upgrade.captures_listener_idx");
    await db.query("delete from upgrade.schema_migrations where version = 2");
    await withStore("upgrade", async (s) => assert.deepEqual((await s.reader.list()).map((x) => x.id), [c.id]));
    assert.deepEqual((await db.query<{ version: number }>("select version from upgrade.schema_migrations order by version")).map((r) => r.version), [1, 2]);
    const idx = await db.query<{ indexdef: string }>("select indexdef from pg_indexes where schemaname = 'upgrade' and indexname = 'captures_listener_idx'");
    assert.match(idx[0]?.indexdef ?? "", /\(listener_session, id\)/);
  });

  it("a schema written by a newer zoomhook is refused with exit 3, and left untouched", async () => {
    await withStore("newer", async () => {});
    await db.query("insert into newer.schema_migrations (version, zoomhook_version) values (99, '9.9.9')");
    await assert.rejects(open("newer"), (e: Error & { code?: string; exitCode?: number; hint?: string }) => {
      assert.equal(e.code, "store_schema_newer");
      assert.equal(e.exitCode, 3);
      assert.match(e.message, /newer zoomhook \(schema version 99/);
      assert.match(e.hint ?? "", /Upgrade zoomhook/);
      return true;
    });
    assert.equal((await db.query("select * from newer.schema_migrations")).length, 3);
  });
});

describe("captures", () => {
  it("round-trip exactly: raw bytes, headers in order and case, every optional field", async () => {
    const full = randomBytes(10_000);
    const written: Capture[] = [
      makeCapture({ body: Buffer.from([0, 0xff, 0xfe, 0xc3, 0x28, 0x0a]), bodySize: 6, kind: "malformed", event: undefined }),
      makeCapture({ body: Buffer.from('{"topic":"caf\\u00e9 \\u0000 nul","n":1}'), bodySize: 37 }),
      makeCapture({ body: full.subarray(0, 1000), bodySize: full.length, truncated: true, bodySha256: sha256(full), verification: "unverified" }),
      makeCapture({
        verification: "invalid", remoteAddress: "::1", replayOf: "0000000000000000aaaa",
        diagnosis: { code: "body_reserialised", message: "The body was re-serialised." },
        response: { status: 502, headers: { "content-type": "text/plain", "x-b": "1", "x-a": "2" }, body: "nul\u0000byte é" },
        forward: { url: "http://localhost:3000/hook", status: 500, durationMs: 12.5, headers: { z: "1", a: "2" }, body: "oops" },
      }),
      makeCapture({ forward: { url: "http://localhost:3000/hook", durationMs: 10000, error: "timed out after 10000 ms" } }),
      makeCapture({ body: Buffer.alloc(0), bodySize: 0, method: "GET", kind: "malformed", event: undefined }),
    ];
    for (const c of written) if (c.event === undefined) delete c.event;
    written.push(makeCapture({ provider: "circleci", dedupeKey: "delivery-1", secretIndex: 1, event: "workflow-completed" }));
    written.push(makeCapture({ origin: { via: "websocket", frame: '{"module":"message","content":"{}"}', resigned: true } }));
    await withStore("roundtrip", async (s) => {
      await Promise.all(written.map((c) => s.writer!.append(c)));
      for (const c of written) assert.deepEqual(await s.reader.get(c.id), normalized(c));
      assert.deepEqual(await s.reader.list(), written.map((c) => summarize(normalized(c))).reverse());
      assert.equal((await s.reader.get("last"))?.id, written.at(-1)!.id);
      assert.equal(await s.reader.get("nope"), undefined);
    });
    const rows = await db.query<{ id: string; body_json: unknown; provider: string; dedupe_key: string | null }>("select id, body_json, provider, dedupe_key from roundtrip.captures order by id");
    assert.equal(rows[0]!.body_json, null, "binary body: no jsonb");
    assert.equal(rows[1]!.body_json, null, "an escaped NUL cannot be jsonb; the bytes are still exact");
    assert.deepEqual(rows[3]!.body_json, JSON.parse(written[3]!.body.toString()));
    assert.deepEqual(rows.map((r) => r.provider), [...Array(6).fill("zoom"), "circleci", "zoom"]);
    assert.equal(rows[6]!.dedupe_key, "delivery-1");
  });

  it("list filters in SQL: event (exact and prefix), verdict, kind, before, limit, listener", async () => {
    const who = (session: string) => ({ host: `host-${session}`, user: "u", pid: 1, session });
    const a = await open("filters", { listener: who("a") });
    const b = await open("filters", { listener: who("b") });
    const cs = [
      makeCapture({ event: "meeting.started" }), makeCapture({ event: "meeting.ended", verification: "invalid" }),
      makeCapture({ event: "meeting_x.started" }), makeCapture({ event: "recording.completed", kind: "crc" }),
    ];
    await a.writer!.append(cs[0]!);
    await b.writer!.append(cs[1]!);
    await a.writer!.append(cs[2]!);
    await b.writer!.append(cs[3]!);
    const ids = async (q: object) => (await a.reader.list(q)).map((s) => s.id);
    assert.deepEqual(await ids({ event: "meeting.*" }), [cs[1]!.id, cs[0]!.id]);
    assert.deepEqual(await ids({ event: "meeting.started" }), [cs[0]!.id]);
    assert.deepEqual(await ids({ verification: "invalid" }), [cs[1]!.id]);
    assert.deepEqual(await ids({ kind: "crc" }), [cs[3]!.id]);
    assert.deepEqual(await ids({ before: cs[2]!.id, limit: 1 }), [cs[1]!.id]);
    assert.deepEqual(await ids({ listener: "b" }), [cs[3]!.id, cs[1]!.id]);
    assert.deepEqual(await ids({ listener: "host-a" }), [cs[2]!.id, cs[0]!.id]);
    assert.equal(await a.reader.count(), 4);
    const owners = await db.query<{ listener_session: string; listener_host: string }>("select listener_session, listener_host from filters.captures order by id");
    assert.deepEqual(owners.map((o) => o.listener_session), ["a", "b", "a", "b"]);
    await Promise.all([a.close(), b.close()]);
  });

  it("summaries and captures say which listener took them; a copy keeps the listener that took it", async () => {
    const who = { host: "ci-runner-7", user: "runner", pid: 7, session: "1c9a2e08-ci-job" };
    const taken = makeCapture();
    await withStore("who", async (s) => s.writer!.append(taken), { listener: who });
    // `store copy` opens its target with no listener of its own.
    await withStore("who_copy", async (s) => {
      const original = await open("who");
      try {
        await s.writer!.append((await original.reader.get(taken.id))!);
        assert.deepEqual((await original.reader.list())[0]!.listener, who);
      } finally {
        await original.close();
      }
      assert.deepEqual((await s.reader.get(taken.id))!.listener, who);
      assert.deepEqual(await s.reader.listeners!(), [{ ...who, lastId: taken.id, lastAt: taken.receivedAt }]);
    });
  });

  it("the events view: one row per distinct delivery, with account and object ids as text", async () => {
    await withStore("view", async (s) => {
      await s.writer!.append(zoomEvent("meeting.started", "req-1", "85012345678"));
      await s.writer!.append(zoomEvent("meeting.started", "req-1", "85012345678")); // Zoom's retry
      await s.writer!.append(zoomEvent("meeting.participant_put_in_waiting_room", "req-2", "uuid/with==chars"));
    });
    const rows = await db.query("select event, account_id, object_id, time from view.events order by event");
    assert.deepEqual(rows, [
      { event: "meeting.participant_put_in_waiting_room", account_id: "acc_1", object_id: "uuid/with==chars", time: new Date(1767225600000) },
      { event: "meeting.started", account_id: "acc_1", object_id: "85012345678", time: new Date(1767225600000) },
    ]);
    const keys = await db.query<{ dedupe_key: string }>("select dedupe_key from view.captures order by id");
    assert.deepEqual(keys.map((k) => k.dedupe_key), ["req-1", "req-1", "req-2"]);
  });

  it("the README's \"meetings started today\" query runs against the view and finds today's meetings", async () => {
    const readme = readFileSync(fileURLToPath(new URL("../../../../README.md", import.meta.url)), "utf8");
    const sql = /```sql\n([\s\S]*?)```/.exec(readme)![1]!.replaceAll("zoomhook.events", "today.events");
    const now = (event: string, requestId: string, meeting: string) => {
      const body = Buffer.from(JSON.stringify({ event, event_ts: Date.now(), payload: { account_id: "a", object: { id: meeting, topic: `T${meeting}`, host_id: "h" } } }));
      return makeCapture({ body, bodySize: body.length, event, headers: [["x-zm-request-id", requestId]] });
    };
    await withStore("today", async (s) => {
      await s.writer!.append(zoomEvent("meeting.started", "old", "1")); // event_ts in the past
      await s.writer!.append(now("meeting.started", "r2", "2"));
      await s.writer!.append(now("meeting.started", "r2", "2")); // a retry
      await s.writer!.append(now("meeting.ended", "r3", "2"));
      await s.writer!.append(now("meeting.started", "r4", "3"));
    });
    const rows = await db.query<{ meeting_id: string; topic: string; host: string }>(sql);
    assert.deepEqual(rows.map((r) => [r.meeting_id, r.topic, r.host]), [["2", "T2", "h"], ["3", "T3", "h"]]);
  });

  it("a JSON body jsonb refuses (nested past the server's stack) is still stored, bytes only, without failing its batch", async () => {
    const deep = Buffer.from(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const cs = [makeCapture(), makeCapture({ body: deep, bodySize: deep.length, kind: "malformed", event: undefined }), makeCapture()];
    delete cs[1]!.event;
    await withStore("deep", async (s) => {
      await Promise.all(cs.map((c) => s.writer!.append(c)));
      for (const c of cs) assert.deepEqual(await s.reader.get(c.id), normalized(c));
    });
    const rows = await db.query<{ has: boolean }>("select body_json is not null as has from deep.captures order by id");
    assert.deepEqual(rows.map((r) => r.has), [true, false, true]);
  });

  it("appending the same id twice keeps one row (copies are idempotent)", async () => {
    await withStore("idem", async (s) => {
      const c = makeCapture();
      await s.writer!.append(c);
      await s.writer!.append(c);
      assert.equal(await s.reader.count(), 1);
    });
  });
});

describe("retention", () => {
  it("keeps the newest --max-captures", async () => {
    await withStore("keepn", async (s) => {
      const cs = Array.from({ length: 25 }, () => makeCapture());
      await Promise.all(cs.map((c) => s.writer!.append(c)));
      await s.writer!.compact();
      assert.deepEqual((await s.reader.list()).map((x) => x.id), cs.slice(-10).map((c) => c.id).reverse());
    }, { maxCaptures: 10 });
  });

  it("keeps at most --max-store-bytes, dropping the oldest", async () => {
    await withStore("keepbytes", async (s) => {
      const cs = Array.from({ length: 10 }, () => makeCapture({ body: randomBytes(2000), bodySize: 2000 }));
      await Promise.all(cs.map((c) => s.writer!.append(c)));
      await s.writer!.compact();
      const left = (await s.reader.list()).map((x) => x.id);
      assert.ok(left.length >= 2 && left.length <= 4, `kept ${left.length}`);
      assert.deepEqual(left, cs.slice(-left.length).map((c) => c.id).reverse());
    }, { maxBytes: 10_000 });
  });
});

describe("live feed", () => {
  it("a second handle hears of committed captures by id, and of a clear", async () => {
    const follower = await open("feed", { mode: "read", follow: true });
    const events: FeedEvent[] = [];
    const heard = new Promise<void>((resolve) => {
      follower.feed!.subscribe((e) => {
        events.push(e);
        if (e.type === "cleared") resolve();
      });
    });
    const cs = [makeCapture(), makeCapture(), makeCapture()];
    await withStore("feed", async (s) => {
      await Promise.all(cs.map((c) => s.writer!.append(c)));
      await s.writer!.clear();
    });
    await heard;
    await follower.close();
    const ids = events.flatMap((e) => (e.type === "captures" ? e.ids : []));
    assert.deepEqual(ids.sort(), cs.map((c) => c.id).sort());
    assert.equal(events.at(-1)!.type, "cleared");
  });
});

describe("opening fails clearly", () => {
  const expectFailure = async (url: string, code: string, pattern: RegExp) => {
    await assert.rejects(openCaptureStore(url, { mode: "read" }), (e: Error & { code?: string; exitCode?: number; hint?: string }) => {
      assert.equal(e.code, code);
      assert.equal(e.exitCode, 3);
      assert.match(`${e.message} ${e.hint}`, pattern);
      return true;
    });
  };

  it("server down, wrong password and missing database are told apart, and the password is never shown", async () => {
    const u = new URL(db.url);
    const secret = decodeURIComponent(u.password);
    const wrongPw = new URL(db.url);
    wrongPw.password = "not-the-password";
    await expectFailure(wrongPw.toString(), "store_auth_failed", /refused the login[\s\S]*password/);
    const noDb = new URL(db.url);
    noDb.pathname = "/no_such_db";
    await expectFailure(noDb.toString(), "store_no_database", /no database no_such_db[\s\S]*createdb/);
    const down = new URL(db.url);
    down.port = "1";
    await expectFailure(down.toString(), "store_unreachable", /127\.0\.0\.1:1[\s\S]*Start the server/);
    for (const bad of [wrongPw, noDb, down]) {
      const err = await openCaptureStore(bad.toString(), { mode: "read" }).catch((e: Error & { hint?: string; details?: object }) => e);
      assert.ok(!JSON.stringify({ m: (err as Error).message, h: (err as { hint?: string }).hint, d: (err as { details?: object }).details }).includes(bad.password === "not-the-password" ? "not-the-password" : secret));
    }
  });
});
