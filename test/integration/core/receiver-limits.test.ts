// What hostile clients may cost the receiver: idle and drip-fed sockets are released, oversized uploads refused unread.
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { describe, it } from "node:test";
import { startReceiver, type Receiver } from "../../../src/receiver/index.js";
import type { Capture } from "../../../src/shared/capture.js";

const LIMITS = { headersTimeoutMs: 200, requestTimeoutMs: 400 };
// Without the limits these tests would wait on Node's defaults (minutes): the test timeout makes that a failure.
const FAIL_AFTER = { timeout: 15_000 };

async function withReceiver(fn: (r: Receiver, captures: Capture[], serverSockets: Socket[]) => Promise<void>) {
  const captures: Capture[] = [];
  const r = await startReceiver({ ...LIMITS, maxBody: 1024, onCapture: (c) => captures.push(c) });
  const serverSockets: Socket[] = [];
  r.server.on("connection", (s: Socket) => serverSockets.push(s));
  try {
    await fn(r, captures, serverSockets);
  } finally {
    await r.close();
  }
}

/** A client that never closes its side (allowHalfOpen), collecting what it is sent. */
function stubbornClient(port: number): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let got = "";
    socket.setEncoding("utf8").on("data", (d: string) => (got += d));
    socket.on("error", () => undefined);
    const ended = new Promise<void>((done) => socket.once("end", () => done()));
    socket.once("connect", () => resolve({ socket, received: () => got, ended }));
    socket.once("error", reject);
  });
}

const closed = (s: Socket) => (s.destroyed ? Promise.resolve() : new Promise<void>((done) => s.once("close", () => done())));

describe("receiver limits", () => {
  it("idle connections get 408 and their sockets are destroyed, even when the client keeps its side open", FAIL_AFTER, async () => {
    await withReceiver(async (r, _captures, serverSockets) => {
      const clients = await Promise.all(Array.from({ length: 20 }, () => stubbornClient(r.port)));
      await Promise.all(clients.map((c) => c.ended));
      for (const c of clients) assert.match(c.received(), /^HTTP\/1\.1 408 Request Timeout\r\n/);
      assert.equal(serverSockets.length, 20);
      // The descriptor is released on the server side, not merely half-closed.
      await Promise.all(serverSockets.map(closed));
      for (const c of clients) c.socket.destroy();
    });
  });

  it("a drip-fed body is cut off at the request deadline with 408 and no capture", FAIL_AFTER, async () => {
    await withReceiver(async (r, captures, serverSockets) => {
      const c = await stubbornClient(r.port);
      c.socket.write("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n");
      // One byte at a time, for as long as the socket accepts them.
      const drip = setInterval(() => c.socket.writable && c.socket.write("x"), 20);
      try {
        await c.ended;
      } finally {
        clearInterval(drip);
      }
      assert.match(c.received(), /^HTTP\/1\.1 408/);
      await Promise.all(serverSockets.map(closed));
      assert.equal(captures.length, 0);
      c.socket.destroy();
    });
  });

  it("an upload whose Content-Length is over --max-body gets 413 before a byte of it is read, and is captured", FAIL_AFTER, async () => {
    await withReceiver(async (r, captures, serverSockets) => {
      const c = await stubbornClient(r.port);
      // Only the headers and 10 bytes: an answer can only come from the declared length.
      c.socket.write("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"event\":");
      await c.ended;
      assert.match(c.received(), /^HTTP\/1\.1 413 /);
      assert.match(c.received(), /connection: close/i);
      await Promise.all(serverSockets.map(closed));
      assert.equal(captures.length, 1);
      const cap = captures[0]!;
      assert.deepEqual([cap.response.status, cap.bodySize, cap.truncated, cap.body.length, cap.diagnosis?.code], [413, 50_000_000, true, 0, "body_too_large"]);
      c.socket.destroy();
    });
  });
});
