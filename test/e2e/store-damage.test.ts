// A store with a damaged record mid-segment: `log`, `listen` and the inspector each say so, and keep the rest.
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Capture } from "../../src/shared/capture.js";
import { newCaptureId, openStore } from "../../src/store/index.js";
import { HEADER_BYTES, encodeRecord } from "../../src/store/record.js";
import { killAll, makeWorld, runCli, startListener, type World } from "../support/cli.js";

const COUNT = 30;
const BAD = 12;

function capture(i: number): Capture {
  const body = Buffer.from(JSON.stringify({ event: "meeting.started", payload: { n: i } }));
  return {
    id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook", headers: [["content-type", "application/json"]],
    body, bodySize: body.length, truncated: false, kind: "event", event: "meeting.started", verification: "unsigned",
    response: { status: 200, headers: {}, body: '{"status":"received"}' }, durationMs: 1,
  };
}

/** Capture rows in `log`'s table (its first line is the header row). */
function rows(stdout: string): number {
  const lines = stdout.trim().split("\n");
  assert.match(lines[0]!, /^ID\s/);
  return lines.length - 1;
}

describe("a damaged record in the middle of the store", () => {
  let world: World;
  let offset = 0;
  let segment = "";

  before(async () => {
    world = makeWorld();
    const store = await openStore({ dir: world.store });
    for (let i = 0; i < COUNT; i++) {
      const c = capture(i);
      if (i < BAD) offset += encodeRecord(c).record.length;
      await store.append(c);
    }
    await store.close();
    segment = (await fs.readdir(world.store)).find((n) => n.endsWith(".zhc"))!;
    const fh = await fs.open(path.join(world.store, segment), "r+");
    await fh.write(Buffer.from([0xff]), 0, 1, offset + HEADER_BYTES + 3);
    await fh.close();
  });
  after(() => {
    killAll();
    world.cleanup();
  });

  it("log lists every other capture and warns on stderr where the damage is", async () => {
    const r = await runCli(["log", "--limit", "100", "--store", world.store], { cwd: world.cwd, env: world.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(rows(r.stdout), COUNT - 1);
    assert.match(r.stderr, new RegExp(`warning: Skipped 1 unreadable record in ${segment} \\(\\d+ bytes at offset ${offset}\\)`));
  });

  it("listen keeps every other capture, warns as an event, and the inspector API reports the damage", async () => {
    const h = await startListener(world.listenArgs, { cwd: world.cwd, env: world.env });
    try {
      const warning = await h.waitForLine((l) => l.type === "warning" && l.code === "store_damaged_records");
      assert.match(String(warning.message), new RegExp(`offset ${offset}`));
      const inspector = new URL(String(h.ready.inspectorUrl));
      const token = inspector.searchParams.get("token")!;
      const res = await fetch(new URL("/api/captures?limit=500", inspector), { headers: { "x-zoomhook-token": token } });
      const page = (await res.json()) as { items: unknown[]; total: number; damage: { records: number; spots: Array<{ segment: string; offset: number }> } };
      assert.equal(page.total, COUNT - 1);
      assert.equal(page.damage.records, 1);
      assert.deepEqual(page.damage.spots.map((s) => [s.segment, s.offset]), [[segment, offset]]);
    } finally {
      await h.stop();
    }
    const size = (await fs.stat(path.join(world.store, segment))).size;
    const r = await runCli(["log", "--limit", "100", "--store", world.store], { cwd: world.cwd, env: world.env });
    assert.equal(rows(r.stdout), COUNT - 1, "the restart cut nothing");
    assert.ok(size > offset + 1000);
  });
});
