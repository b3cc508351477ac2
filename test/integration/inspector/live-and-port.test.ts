// Inspector live stream and binding: SSE carries bus events; a taken port falls back to the next one.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { authCookie, makeCapture, startHarness } from "../../support/inspector-harness.js";
import { openStream } from "../../support/sse-stream.js";

describe("inspector live stream", () => {
  it("pushes bus request and cleared events to an open stream", async () => {
    const h = await startHarness();
    try {
      const stream = await openStream(h.inspector.port, authCookie(h.inspector));
      h.bus.emit({ type: "info", code: "x", message: "not for the browser" });
      const c = h.receive(makeCapture({ event: "webinar.started" }));
      const frame = await stream.next();
      assert.match(frame, /^event: request\ndata: /);
      const data = JSON.parse(frame.split("\ndata: ")[1]);
      assert.equal(data.capture.id, c.id);
      assert.equal(data.capture.event, "webinar.started");
      assert.equal(data.capture.status, 200);
      h.bus.emit({ type: "cleared" });
      assert.equal(await stream.next(), "event: cleared\ndata: {}");
      stream.close();
    } finally {
      await h.close();
    }
  });

  it("closes cleanly with a stream still open", async () => {
    const h = await startHarness();
    await openStream(h.inspector.port, authCookie(h.inspector));
    await h.close();
    await h.close();
  });
});

describe("inspector port", () => {
  it("moves to the next port when the preferred one is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const h = await startHarness({ port: taken }).catch((err: NodeJS.ErrnoException) => {
        // The next port may belong to someone else on a busy machine; the fallback must still have moved on.
        throw err;
      });
      try {
        assert.ok(h.inspector.port > taken && h.inspector.port <= taken + 20, `bound ${h.inspector.port} after ${taken}`);
        assert.ok(h.inspector.url.includes(`:${h.inspector.port}/`));
      } finally {
        await h.close();
      }
    } finally {
      blocker.close();
    }
  });

  it("gives each inspector its own cookie name", async () => {
    const a = await startHarness();
    const b = await startHarness();
    try {
      assert.notEqual(a.inspector.port, b.inspector.port);
      assert.notEqual(a.inspector.token, b.inspector.token);
      assert.notEqual(authCookie(a.inspector).split("=")[0], authCookie(b.inspector).split("=")[0]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
