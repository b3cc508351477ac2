// The database stopped mid-load (immediate shutdown): 503s, the listener alive, reconnect after restart, every 2xx stored.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import pg from "pg";
import { zoomHeaders } from "../../src/providers/zoom/headers.js";
import { killAll, makeWorld, startListener, type ListenerHandle, type World } from "../support/cli.js";
import { startPgServer, type PgServer } from "../support/postgres-server.js";

const SECRET = "faults-secret";

// Its own server: stopping the shared one would break the other test files running beside this one.
let server: PgServer;
let world: World;
let h: ListenerHandle | undefined;

before(async () => {
  server = await startPgServer();
  world = makeWorld();
});
after(async () => {
  await h?.stop().catch(() => undefined);
  killAll();
  await server?.remove();
  world?.cleanup();
});

interface Sent {
  requestId: string;
  status: number;
}

it("a stopped database means 503s, not lost captures; the listener reconnects when it is back", async () => {
  h = await startListener(["--no-tunnel", "--port", "0", "--no-inspect", "--store", `${server.url}?schema=faults`], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
  const url = h.ready.localUrl;
  const sent: Sent[] = [];
  let n = 0;
  let load = true;
  // A steady load from 8 concurrent senders, each delivery with its own request id (the dedupe key).
  const sender = async () => {
    while (load) {
      const requestId = `req-${++n}`;
      const body = JSON.stringify({ event: "meeting.started", event_ts: Date.now(), payload: { account_id: "a", object: { id: String(n) } } });
      try {
        const headers = zoomHeaders({ body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000), requestId });
        const res = await fetch(url, { method: "POST", body, headers });
        await res.arrayBuffer();
        sent.push({ requestId, status: res.status });
      } catch {
        sent.push({ requestId, status: 0 });
      }
    }
  };
  const senders = Array.from({ length: 8 }, sender);
  const until = async (what: () => boolean, label: string) => {
    const deadline = Date.now() + 30_000;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; stderr: ${h!.stderr()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  // However the load phase ends, the senders stop: a failed wait must not leave them running forever.
  try {
    await until(() => sent.filter((s) => s.status === 200).length >= 200, "200 stored deliveries");
    await server.stop("immediate");
    const down = await h.waitForLine((l) => l.type === "warning" && l.code === "store_down", 15_000);
    assert.match(String(down.message), /503 so Zoom retries/);
    const at503 = sent.length;
    await until(() => sent.slice(at503).filter((s) => s.status === 503).length >= 50, "503 answers while the database is down");
    assert.equal(h.child.exitCode, null, "the listener keeps running");
    await server.start();
    await h.waitForLine((l) => l.type === "info" && l.code === "store_up", 30_000);
    const back = sent.length;
    await until(() => sent.slice(back).filter((s) => s.status === 200).length >= 100, "200s again after the restart");
  } finally {
    load = false;
    await Promise.all(senders);
  }

  const statuses = new Set(sent.map((s) => s.status));
  assert.deepEqual([...statuses].sort(), [200, 503], `only 200 and 503 answers, got ${[...statuses].join(",")}`);
  const answered = sent.filter((s) => s.status === 200).map((s) => s.requestId);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query<{ dedupe_key: string }>("select dedupe_key from faults.captures");
  await client.end();
  const stored = new Set(rows.map((r) => r.dedupe_key));
  const missing = answered.filter((id) => !stored.has(id));
  assert.deepEqual(missing, [], `${missing.length} of ${answered.length} deliveries answered 200 are missing`);
  assert.ok(h.child.exitCode === null);
});
