// Captures come back exactly as appended: raw body bytes, headers, and every optional field.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { openStore, openStoreReader } from "../../../src/store/index.js";
import { makeCapture, sha256, withTempDir } from "./capture-fixture.js";

const bodies: Record<string, Buffer> = {
  unicode: Buffer.from(JSON.stringify({ topic: "Réunion 会議 🎉", name: "Zoë" })),
  escaped: Buffer.from('{"topic":"caf\\u00e9 \\"quoted\\" \\/slash\\n"}'),
  pretty: Buffer.from('{\n  "event": "meeting.ended",\n\t"payload" : { }\r\n}\n'),
  binary: Buffer.concat([randomBytes(4096), Buffer.from([0, 0xff, 0xfe, 0xc3, 0x28, 0x0a])]),
  empty: Buffer.alloc(0),
};

test("every body kind round-trips byte for byte through the writer and a reader", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const written = Object.entries(bodies).map(([name, body]) => makeCapture({ body, bodySize: body.length, path: `/${name}` }));
    const full = randomBytes(10_000);
    const truncated = makeCapture({ body: full.subarray(0, 1000), bodySize: full.length, truncated: true, bodySha256: sha256(full) });
    const rich = makeCapture({
      kind: "malformed", verification: "invalid", event: undefined, remoteAddress: "::1", replayOf: "0000000000000000aaaa",
      diagnosis: { code: "body_reserialised", message: "The body was re-serialised." },
      forward: { url: "http://localhost:3000/hook", status: 500, durationMs: 12, error: undefined, headers: { a: "b" }, body: "oops" },
    });
    delete rich.event;
    delete rich.forward!.error;
    written.push(truncated, rich);
    await Promise.all(written.map((c) => store.append(c)));
    const reader = await openStoreReader({ dir });
    for (const c of written) {
      assert.deepEqual(await store.get(c.id), c);
      const back = await reader.get(c.id);
      assert.deepEqual(back, c);
      assert.ok(back!.body.equals(c.body));
    }
    assert.equal((await reader.get("last"))!.id, rich.id);
    assert.equal((await store.get("last"))!.id, rich.id);
    assert.equal(await reader.get("nope"), undefined);
    await reader.close();
    await store.close();
    const again = await openStore({ dir });
    assert.deepEqual(await again.get(truncated.id), truncated);
    await again.close();
  });
});

test("summaries in lists match summarize() without undefined keys", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const c = makeCapture({ forward: { url: "http://x", status: 200, durationMs: 1, body: "big" } });
    await store.append(c);
    const [s] = await store.list();
    assert.deepEqual(s, {
      id: c.id, receivedAt: c.receivedAt, method: "POST", path: c.path, kind: "event", event: "meeting.started",
      verification: "valid", status: 200, durationMs: 3, bodySize: c.bodySize, forward: { url: "http://x", status: 200, durationMs: 1 },
    });
    await store.close();
  });
});

test("a capture copied from a shared store leaves its listener behind: the file store's records are unchanged", async () => {
  await withTempDir(async (dir) => {
    const store = await openStore({ dir });
    const listener = { host: "ci-runner-7", user: "runner", pid: 7, session: "5f2c7c1e-listener-session" };
    const c = makeCapture({ listener });
    await store.append(c);
    const { listener: _, ...expected } = c;
    assert.deepEqual(await store.get(c.id), expected);
    assert.equal((await store.list())[0]!.listener, undefined);
    await store.close();
    const reader = await openStoreReader({ dir });
    assert.deepEqual(await reader.get(c.id), expected);
    await reader.close();
    let holding = 0;
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const bytes = await readFile(path.join(entry.parentPath, entry.name));
      if (bytes.includes(c.id)) holding++;
      assert.equal(bytes.includes(listener.session), false, `${entry.name} mentions the listener`);
    }
    assert.ok(holding > 0, "no file holds the capture");
  });
});
