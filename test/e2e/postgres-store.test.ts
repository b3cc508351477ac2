// `--store postgres://…` end to end: two listeners on one database, `log --follow` in another process, store copy, start-up failures.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startFollower } from "../support/follow.js";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";

const SECRET = "e2e_postgres_secret";

describe("listen, log, show and store copy on a PostgreSQL store", () => {
  let world: World;
  let db: TestDatabase;
  let store: string;
  const listeners: ListenerHandle[] = [];
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    runCli(args, { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET, ...env }, timeoutMs: 30_000 });
  const listen = async () => {
    const h = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", store], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    listeners.push(h);
    return h;
  };

  before(async () => {
    world = makeWorld();
    db = await createTestDatabase();
    store = db.storeUrl("team");
  });
  after(async () => {
    for (const h of listeners) await h.stop().catch(() => undefined);
    killAll();
    await db?.drop();
    world?.cleanup();
  });

  it("the banner, the ready line and the registry never show the password", async () => {
    const h = await listen();
    const password = decodeURIComponent(new URL(store).password);
    assert.match(String(h.ready.store), /^postgres:\/\/postgres:\*\*\*\*@127\.0\.0\.1:\d+\/zoomhook_test_\w+\?schema=team$/);
    assert.ok(!JSON.stringify(h.lines).includes(password));
    assert.ok(!h.stderr().includes(password));
    const human = await run(["url", "--json"]);
    assert.ok(!human.stdout.includes(password), "registry");
  });

  it("two listeners write at once; log shows everyone's captures, filterable by listener", async () => {
    const [a, b] = [listeners[0] ?? (await listen()), await listen()];
    const [ra, rb] = await Promise.all([
      run(["send", "meeting.started", "--to", a.ready.localUrl, "--count", "40", "--concurrency", "8", "--json"]),
      run(["send", "meeting.ended", "--to", b.ready.localUrl, "--count", "40", "--concurrency", "8", "--json"]),
    ]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    const r = await run(["log", "--store", store, "--json", "-n", "1000"]);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Array<{ id: string; event: string; status: number }>;
    assert.equal(list.length, 80);
    assert.equal(new Set(list.map((s) => s.id)).size, 80);
    assert.equal(list.filter((s) => s.event === "meeting.started").length, 40);
    assert.ok(list.every((s) => s.status === 200));
    const pids = await db.query<{ listener_pid: number; n: number }>("select listener_pid, count(*)::int as n from team.captures group by 1 order by 1");
    assert.deepEqual(pids, [a.ready.pid, b.ready.pid].sort((x, y) => x - y).map((pid) => ({ listener_pid: pid, n: 40 })));
    const sessions = await db.query<{ listener_session: string }>("select distinct listener_session from team.captures where listener_pid = $1", [b.ready.pid]);
    const onlyB = await run(["log", "--store", store, "--json", "-n", "1000", "--listener", sessions[0]!.listener_session]);
    assert.deepEqual(new Set((JSON.parse(onlyB.stdout) as Array<{ event: string }>).map((s) => s.event)), new Set(["meeting.ended"]));
    const shown = await run(["show", list[0]!.id, "--store", store, "--json"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal((JSON.parse(shown.stdout) as { id: string }).id, list[0]!.id);
    const [who] = await db.query<{ listener_pid: number; listener_session: string }>("select listener_pid, listener_session from team.captures where id = $1", [list[0]!.id]);
    const text = await run(["show", list[0]!.id, "--store", store]);
    assert.match(text.stdout, new RegExp(`\ntaken by \\S+@\\S+  pid ${who!.listener_pid} · session ${who!.listener_session}\n`));
  });

  it("log --follow in another process prints captures from every listener as they commit", async () => {
    const follower = await startFollower(store, world.cwd, world.env);
    try {
      const from = follower.lines().length;
      const [a, b] = listeners;
      await run(["send", "recording.completed", "--to", a!.ready.localUrl]);
      await run(["send", "meeting.deleted", "--to", b!.ready.localUrl]);
      const lines = await follower.waitForLines(from, 2);
      assert.deepEqual(lines.map((l) => l.event).sort(), ["meeting.deleted", "recording.completed"]);
      assert.ok(!follower.stderr().includes(decodeURIComponent(new URL(store).password)));
    } finally {
      follower.stop();
    }
  });

  it("store copy moves captures to a directory and back, idempotent on id, bytes intact", async () => {
    const dir = `${world.root}/copy-store`;
    const toDir = await run(["store", "copy", "--from", store, "--to", dir]);
    assert.equal(toDir.code, 0, toDir.stderr);
    assert.match(toDir.stdout, /^Copied 82 captures from postgres:\/\/postgres:\*\*\*\*@/);
    const again = await run(["store", "copy", "--from", store, "--to", dir, "--json"]);
    assert.deepEqual(JSON.parse(again.stdout).copied, 0);
    assert.deepEqual(JSON.parse(again.stdout).skipped, 82);
    const back = db.storeUrl("restored");
    const toPg = await run(["store", "copy", "--from", dir, "--to", back, "--json"]);
    assert.equal(toPg.code, 0, toPg.stderr);
    assert.equal(JSON.parse(toPg.stdout).copied, 82);
    const original = await db.query<{ id: string; body: Buffer; headers: unknown }>("select id, body, headers from team.captures order by id");
    const restored = await db.query<{ id: string; body: Buffer; headers: unknown }>("select id, body, headers from restored.captures order by id");
    assert.deepEqual(restored, original);
    const exported = await run(["export", original[5]!.id, "--store", dir]);
    assert.equal(exported.stdout, original[5]!.body.toString("utf8"));
  });

  it("the password can stay out of the URL: PGPASSWORD, and $ZOOMHOOK_STORE instead of --store", async () => {
    const u = new URL(store);
    const password = decodeURIComponent(u.password);
    u.password = "";
    const r = await run(["log", "--json", "-n", "1"], { ZOOMHOOK_STORE: u.toString(), PGPASSWORD: password });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
  });

  it("log --clear empties the shared store without a listener in between", async () => {
    const r = await run(["log", "--clear", "--yes", "--store", db.storeUrl("restored")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await db.query("select 1 from restored.captures")).length, 0);
    assert.equal((await db.query("select 1 from team.captures")).length, 82);
  });

  it("run --listen --store: the in-process listener captures into the database, and a replay step finds captures there", async () => {
    const file = join(world.cwd, "ci.yaml");
    writeFileSync(file, "name: ci\nsteps:\n  - send: meeting.created\n  - replay: { capture: last }\n");
    const r = await run(["run", file, "--listen", "--store", db.storeUrl("ci"), "--reporter", "json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const rows = await db.query<{ event: string; body: Buffer; verification: string }>("select event, body, verification from ci.captures order by received_at");
    assert.deepEqual(rows.map((x) => [x.event, x.verification]), [["meeting.created", "valid"], ["meeting.created", "valid"]]);
    assert.ok(rows[1]!.body.equals(rows[0]!.body), "the replay step read the first capture from the --store database, bytes intact, re-signed");
    assert.ok(!r.stdout.includes(decodeURIComponent(new URL(store).password)), "the report does not carry the password");
  });
});

describe("a store that cannot be opened", () => {
  let world: World;
  before(() => {
    world = makeWorld();
  });
  after(() => world?.cleanup());

  it("listen exits 3 naming host and port and the likely fix, without the password", async () => {
    const r = await runCli(["listen", "--no-tunnel", "--port", "0", "--store", "postgres://someone:hunter2-secret@127.0.0.1:1/db"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No PostgreSQL server answers at 127\.0\.0\.1:1/);
    assert.match(r.stderr, /Start the server/);
    assert.ok(!r.stderr.includes("hunter2-secret"));
  });

  it("a bad URL or schema is a usage error", async () => {
    const r = await runCli(["log", "--store", "postgres://u:pw@127.0.0.1:5432/db?schema=Bad-Name"], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /schema=Bad-Name is not a plain PostgreSQL name/);
  });
});
