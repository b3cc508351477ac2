// The inspector on a PostgreSQL store two listeners write: which listeners there are, each one's captures, live.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startInspector, type Inspector } from "../../../src/inspector/index.js";
import { createBus } from "../../../src/shared/bus.js";
import type { CaptureSummary, ListenerIdentity } from "../../../src/shared/capture.js";
import { openCaptureStore, type OpenedCaptureStore } from "../../../src/store/open.js";
import { authCookie, raw } from "../../support/inspector-harness.js";
import { createTestDatabase, type TestDatabase } from "../../support/postgres.js";
import { openStream } from "../../support/sse-stream.js";
import { makeCapture } from "../../unit/store/capture-fixture.js";

const alice: ListenerIdentity = { host: "laptop-a", user: "alice", pid: 4101, session: "3b0d6a52-alice-first" };
// Alice again, a later run on the same machine: another session.
const alice2: ListenerIdentity = { host: "laptop-a", user: "alice", pid: 4377, session: "9e61c0f4-alice-second" };
const ci: ListenerIdentity = { host: "ci-runner-7", user: "runner", pid: 7, session: "1c9a2e08-ci-job" };

describe("inspector listener filter on PostgreSQL", () => {
  let db: TestDatabase;
  const stores: Record<string, OpenedCaptureStore> = {};
  let inspector: Inspector;
  let cookie: string;
  // Newest last, per listener.
  const taken: Record<string, string[]> = { [alice.session]: [], [alice2.session]: [], [ci.session]: [] };

  const get = async (path: string) => {
    const res = await raw(inspector.port, path, { headers: { cookie } });
    return { status: res.status, json: JSON.parse(res.body) };
  };
  const ids = (items: CaptureSummary[]) => items.map((s) => s.id);
  const newestFirst = (...sessions: string[]) => sessions.flatMap((s) => taken[s]!).sort().reverse();
  async function take(who: ListenerIdentity, event: string): Promise<string> {
    const c = makeCapture({ event });
    await stores[who.session]!.writer!.append(c);
    taken[who.session]!.push(c.id);
    return c.id;
  }

  before(async () => {
    db = await createTestDatabase();
    const url = db.storeUrl("team");
    for (const who of [alice, alice2, ci]) {
      stores[who.session] = await openCaptureStore(url, { mode: "write", listener: who, follow: who === alice });
    }
    const mine = stores[alice.session]!;
    inspector = await startInspector({
      port: 0, store: mine.reader, feed: mine.feed, bus: createBus(), listener: mine.listener,
      actions: { replay: async () => ({ status: 501 }), clear: async () => {} },
    });
    cookie = authCookie(inspector);
    // Interleaved, as teammates and CI deliver.
    await take(alice, "meeting.started");
    await take(ci, "meeting.started");
    await take(alice, "meeting.ended");
    await take(ci, "recording.completed");
    await take(alice, "meeting.participant_joined");
    await take(alice2, "meeting.started");
  });
  after(async () => {
    await inspector?.close();
    for (const s of Object.values(stores)) await s.close();
    await db?.drop();
  });

  it("says the store is shared and which listener this inspector's is", async () => {
    const info = await get("/api/info");
    assert.equal(info.json.shared, true);
    assert.deepEqual(info.json.listener, alice);
  });

  it("lists the listeners among the captures, newest capture first, with each one's newest capture", async () => {
    const { json } = await get("/api/listeners");
    assert.deepEqual(json.listeners.map((l: ListenerIdentity) => l.session), [alice2.session, alice.session, ci.session]);
    const c = json.listeners[2];
    assert.deepEqual({ host: c.host, user: c.user, pid: c.pid, session: c.session }, ci);
    assert.equal(c.lastId, taken[ci.session]!.at(-1));
    assert.ok(!Number.isNaN(Date.parse(c.lastAt)));
  });

  it("filters the list by session id, with paging, and each summary says who took it", async () => {
    const onlyCi = await get(`/api/captures?listener=${ci.session}`);
    assert.equal(onlyCi.status, 200);
    assert.deepEqual(ids(onlyCi.json.items), newestFirst(ci.session));
    assert.ok(onlyCi.json.items.every((s: CaptureSummary) => JSON.stringify(s.listener) === JSON.stringify(ci)));
    assert.equal(onlyCi.json.total, 6, "the total is the store's");

    const first = await get(`/api/captures?listener=${alice.session}&limit=2`);
    assert.deepEqual(ids(first.json.items), newestFirst(alice.session).slice(0, 2));
    const second = await get(`/api/captures?listener=${alice.session}&limit=2&before=${first.json.nextBefore}`);
    assert.deepEqual(ids(second.json.items), newestFirst(alice.session).slice(2));
    assert.equal(second.json.nextBefore, null);

    const combined = await get(`/api/captures?listener=${alice.session}&event=meeting.started`);
    assert.deepEqual(ids(combined.json.items), [taken[alice.session]![0]]);
  });

  it("takes a host for every run on it, as log --listener does, and an unknown listener matches nothing", async () => {
    const host = await get("/api/captures?listener=laptop-a");
    assert.deepEqual(ids(host.json.items), newestFirst(alice.session, alice2.session));
    assert.deepEqual((await get("/api/captures?listener=nobody")).json.items, []);
    assert.equal((await get("/api/captures?listener=")).json.items.length, 6, "an empty filter is no filter");
  });

  it("the detail says who took a capture", async () => {
    const { json } = await get(`/api/captures/${taken[ci.session]![0]}`);
    assert.deepEqual(json.listener, ci);
  });

  it("the live stream names the listener of every capture, so the page can filter it", async () => {
    const stream = await openStream(inspector.port, cookie);
    try {
      const fromCi = await take(ci, "webinar.started");
      const frame = JSON.parse((await stream.next()).split("\ndata: ")[1]!);
      assert.equal(frame.capture.id, fromCi);
      assert.deepEqual(frame.capture.listener, ci);
      const mine = await take(alice, "webinar.ended");
      const next = JSON.parse((await stream.next()).split("\ndata: ")[1]!);
      assert.equal(next.capture.id, mine);
      assert.deepEqual(next.capture.listener, alice);
    } finally {
      stream.close();
    }
    const { json } = await get("/api/listeners");
    assert.deepEqual(json.listeners.map((l: ListenerIdentity) => l.session), [alice.session, ci.session, alice2.session]);
  });
});
