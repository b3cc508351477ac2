// A live-update client that stops reading is disconnected once its backlog passes the cap, not buffered without limit.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { summarize } from "../../../src/shared/capture.js";
import { MAX_BUFFERED_BYTES } from "../../../src/inspector/sse.js";
import { authCookie, makeCapture, startHarness } from "../../support/inspector-harness.js";

test("a stalled SSE client is dropped after about MAX_BUFFERED_BYTES of backlog; a reading one keeps its stream", { timeout: 60_000 }, async () => {
  const h = await startHarness();
  try {
    const cookie = authCookie(h.inspector);
    const socket = connect(h.inspector.port, "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", () => r()));
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${h.inspector.port}\r\nCookie: ${cookie}\r\n\r\n`);
    // The stream's first bytes prove the client is attached; then it stops reading.
    await new Promise<void>((r) => socket.once("data", () => r()));
    socket.pause();
    const ended = new Promise<void>((r) => socket.once("close", () => r()));
    socket.on("error", () => undefined);

    const capture = summarize(makeCapture({ event: "meeting.started" }));
    const frame = JSON.stringify({ capture }).length;
    // Far more than the kernel's socket buffers and the cap together.
    const events = Math.ceil((64 * 1024 * 1024) / frame);
    for (let i = 0; i < events; i++) h.bus.emit({ type: "request", capture });

    let received = 0;
    socket.on("data", (d: Buffer) => (received += d.length));
    socket.resume();
    await ended;
    assert.ok(received < events * frame, "the stalled client was sent everything instead of being dropped");
    assert.ok(MAX_BUFFERED_BYTES <= 4 * 1024 * 1024);
  } finally {
    await h.close();
  }
});
