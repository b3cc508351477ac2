// The listener's promise, held at the store: no answer leaves the listener until its capture's write has completed.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { request } from "undici";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { createBus } from "../../../src/shared/bus.js";
import type { Capture, CaptureStore } from "../../../src/shared/capture.js";
import { startListen } from "../../../src/session/listen.js";
import { openStore, openStoreReader } from "../../../src/store/index.js";

const SECRET = "held_store_secret";
const BODY = '{"event":"meeting.started","payload":{"object":{"id":1}}}';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test("an answer waits for its capture's write, while other requests go on; both captures are durable", async () => {
  const root = await mkdtemp(join(tmpdir(), "zoomhook-held-"));
  const order: string[] = [];
  const firstAppend = deferred();
  const release = deferred();
  const real = await openStore({ dir: join(root, "store") });
  const tag = (c: Capture) => new URL(c.path, "http://x").searchParams.get("n");
  // The real store, with the first write held open until the test lets it go.
  const held: CaptureStore = {
    list: (q) => real.list(q),
    get: (id) => real.get(id),
    count: () => real.count(),
    clear: () => real.clear(),
    close: () => real.close(),
    async append(c) {
      order.push(`append ${tag(c)}`);
      if (tag(c) === "A") {
        firstAppend.resolve();
        await release.promise;
      }
      await real.append(c);
      order.push(`written ${tag(c)}`);
    },
  };
  const session = await startListen(
    { host: "127.0.0.1", port: 0, portExplicit: true, path: "/webhook", secret: SECRET, toleranceSeconds: 300, maxBody: 1 << 20, store: { spec: join(root, "store") }, inspect: false, tunnel: false, cwd: root },
    { bus: createBus(), env: { ZOOMHOOK_STATE_DIR: join(root, "state") }, store: held },
  );
  // Every answer the listener starts, in order: the status line is written by writeHead (or implicitly by the first write).
  session.receiver.server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const n = new URL(req.url ?? "/", "http://x").searchParams.get("n");
    const note = () => {
      if (!order.includes(`answer ${n}`)) order.push(`answer ${n}`);
    };
    for (const method of ["writeHead", "write", "end"] as const) {
      const original = res[method].bind(res) as (...a: unknown[]) => unknown;
      (res as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        note();
        return original(...args);
      };
    }
  });
  const post = (n: string) =>
    request(`${session.receiver.url}?n=${n}`, { method: "POST", body: BODY, headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }) });
  try {
    const a = post("A");
    await firstAppend.promise;
    // A whole second delivery, answered, is the barrier: everything A's handler could do without its write has had its turn.
    const b = await post("B");
    assert.equal(b.statusCode, 200);
    await b.body.text();
    assert.deepEqual(order, ["append A", "append B", "written B", "answer B"], "A was answered before its capture was written");
    release.resolve();
    const answerA = await a;
    assert.equal(answerA.statusCode, 200);
    await answerA.body.text();
    assert.deepEqual(order.slice(4), ["written A", "answer A"]);
  } finally {
    release.resolve();
    await session.close();
    await real.close();
  }
  const reader = await openStoreReader({ dir: join(root, "store") });
  assert.deepEqual((await reader.list()).map((s) => new URL(s.path, "http://x").searchParams.get("n")), ["A", "B"]);
  await reader.close();
  await rm(root, { recursive: true, force: true });
});
