// Forwarding fidelity: the app gets the exact bytes and Zoom headers, its answer comes back untouched; failures map to 502/504.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startReceiver, type Receiver } from "../../../src/receiver/index.js";
import type { Capture } from "../../../src/shared/capture.js";
import { createRelay } from "../../../src/session/router.js";
import { decodeRecord, encodeRecord } from "../../../src/store/record.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { verifySignature } from "../../../src/providers/zoom/signature.js";
import { httpRequest } from "./http-helpers.js";

const SECRET = "forward_secret";

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingMessage["headers"];
  body: Buffer;
}

interface App {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

function startApp(answer: (seen: Seen, res: ServerResponse) => void): Promise<App> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const s = { method: req.method ?? "", url: req.url ?? "", rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      answer(s, res);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/zoom`,
        port,
        seen,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    }),
  );
}

/** An app that verifies over the raw bytes it received, as a correct app should. */
function verifyingApp(seen: Seen, res: ServerResponse) {
  const v = verifySignature({
    secret: SECRET,
    timestamp: seen.headers["x-zm-request-timestamp"] as string,
    signature: seen.headers["x-zm-signature"] as string,
    body: seen.body,
  });
  if (v.verification !== "valid") {
    res.writeHead(401, { "content-type": "application/json", "x-app-verdict": v.verification }).end(JSON.stringify({ rejected: v.diagnosis?.code }));
    return;
  }
  res.writeHead(202, { "content-type": "text/plain; charset=utf-8", "x-app": "yes", "set-cookie": "a=1" }).end("accepted ✓ {not json}");
}

async function closedPortUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/zoom`;
}

async function receiverFor(to: string, captures: Capture[], timeoutMs = 5000): Promise<Receiver> {
  return startReceiver({
    secret: SECRET,
    relay: createRelay({ to, routes: [], forwardCrc: false, timeoutMs }, SECRET),
    onCapture: (c) => captures.push(c),
  });
}

// Escapes, whitespace and non-ASCII: any re-encoding on the way would change these bytes.
const BODY = Buffer.from('{"event":"meeting.started", "payload":{"object":{"topic":"Caf\\u00e9 ☕ 🎉","url":"https:\\/\\/x"}}}\n', "utf8");

describe("forwarding to a verifying app", () => {
  let app: App;
  let r: Receiver;
  const captures: Capture[] = [];
  before(async () => {
    app = await startApp(verifyingApp);
    r = await receiverFor(app.url, captures);
  });
  after(async () => {
    await r.close();
    await app.close();
  });

  it("the app receives identical bytes and Zoom's headers, minus hop-by-hop, with Host set to the target", async () => {
    const headers = zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
    const res = await httpRequest(`${r.url}?q=1`, {
      headers: { ...headers, connection: "keep-alive, x-hop", "x-hop": "secret-ish", "keep-alive": "timeout=9", "x-custom": "kept" },
      body: BODY,
    });
    assert.equal(app.seen.length, 1);
    const s = app.seen[0]!;
    assert.ok(s.body.equals(BODY), "body bytes changed on the way");
    assert.equal(s.method, "POST");
    for (const name of Object.keys(headers)) assert.equal(s.headers[name], headers[name], name);
    assert.equal(s.headers["x-custom"], "kept");
    assert.equal(s.headers["x-hop"], undefined);
    assert.equal(s.headers["keep-alive"], undefined);
    assert.equal(s.headers.host, `127.0.0.1:${app.port}`);
    assert.equal(s.headers["content-length"], String(BODY.length));
    assert.equal(s.url, "/zoom");
    assert.equal(res.status, 202);
  });

  it("the app's status, headers and exact body come back to the sender, and are captured", async () => {
    const headers = zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
    const res = await httpRequest(r.url, { headers, body: BODY });
    assert.equal(res.status, 202);
    assert.equal(res.headers["x-app"], "yes");
    assert.equal(res.headers["content-type"], "text/plain; charset=utf-8");
    assert.deepEqual(res.headers["set-cookie"], ["a=1"]);
    assert.equal(res.text, "accepted ✓ {not json}");
    assert.equal(res.headers["content-length"], String(Buffer.byteLength("accepted ✓ {not json}")));
    const c = captures[captures.length - 1]!;
    assert.equal(c.verification, "valid");
    assert.equal(c.response.status, 202);
    assert.equal(c.forward?.status, 202);
    assert.equal(c.forward?.url, app.url);
    assert.equal(c.forward?.body, "accepted ✓ {not json}");
    assert.equal(c.forward?.error, undefined);
  });

  it("an invalid signature is still forwarded, and the app's 401 relayed", async () => {
    const before = app.seen.length;
    const headers = zoomHeaders({ body: BODY, secret: "not-the-secret", timestamp: Math.floor(Date.now() / 1000) });
    const res = await httpRequest(r.url, { headers, body: BODY });
    assert.equal(app.seen.length, before + 1);
    assert.equal(res.status, 401);
    assert.equal(res.headers["x-app-verdict"], "invalid");
    assert.deepEqual(JSON.parse(res.text), { rejected: "signature_mismatch" });
    assert.equal(captures[captures.length - 1]!.verification, "invalid");
  });

  it("zoomhook answers the CRC itself when it knows the secret; the app sees nothing", async () => {
    const before = app.seen.length;
    const crc = '{"payload":{"plainToken":"abc"},"event_ts":1,"event":"endpoint.url_validation"}';
    const res = await httpRequest(r.url, { headers: zoomHeaders({ body: crc, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: crc });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).plainToken, "abc");
    assert.equal(app.seen.length, before);
  });
});

describe("forwarding failures", () => {
  it("app down → 502, the delivery captured with the error", async () => {
    const captures: Capture[] = [];
    const r = await receiverFor(await closedPortUrl(), captures);
    try {
      const res = await httpRequest(r.url, { headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: BODY });
      assert.equal(res.status, 502);
      const body = JSON.parse(res.text) as { error: string; message: string };
      assert.equal(body.error, "bad_gateway");
      assert.match(body.message, /refused/);
      assert.equal(captures[0]!.forward?.status, undefined);
      assert.match(captures[0]!.forward?.error ?? "", /refused/);
    } finally {
      await r.close();
    }
  });

  it("slow app → 504 after the forward timeout", async () => {
    const app = await startApp((_s, res) => {
      const t = setTimeout(() => res.writeHead(200).end("late"), 5000);
      res.on("close", () => clearTimeout(t));
    });
    const captures: Capture[] = [];
    const r = await receiverFor(app.url, captures, 200);
    try {
      // The app answers 200 after 5 s: a 504 can only come from the forward timeout.
      const res = await httpRequest(r.url, { headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: BODY });
      assert.equal(res.status, 504);
      assert.equal(JSON.parse(res.text).error, "gateway_timeout");
      assert.match(captures[0]!.forward?.error ?? "", /200 ms/);
    } finally {
      await r.close();
      await app.close();
    }
  });

  it("an app trickling its answer a byte at a time → 504 at the overall deadline, and the delivery is captured", { timeout: 20_000 }, async () => {
    let trickles = 0;
    const app = await startApp((_s, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      // Each byte arrives well inside the idle timeout; only a deadline for the whole answer ends this.
      const t = setInterval(() => res.write(String(++trickles % 10)), 40);
      res.on("close", () => clearInterval(t));
    });
    const captures: Capture[] = [];
    const persisted: Capture[] = [];
    const r = await startReceiver({
      secret: SECRET,
      relay: createRelay({ to: app.url, routes: [], forwardCrc: false, timeoutMs: 400 }, SECRET),
      persist: async (c) => void persisted.push(c),
      onCapture: (c) => captures.push(c),
    });
    try {
      const res = await httpRequest(r.url, { headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: BODY });
      assert.equal(res.status, 504);
      assert.ok(trickles > 2, "the app was sending when it was cut off");
      assert.equal(persisted.length, 1);
      assert.equal(persisted[0]!.response.status, 504);
      assert.match(persisted[0]!.forward?.error ?? "", /400 ms/);
      assert.equal(captures[0]!.id, persisted[0]!.id);
    } finally {
      await r.close();
      await app.close();
    }
  });

  it("a big answer streams back byte for byte; the capture keeps a prefix, its size and SHA-256, and stays readable", async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const app = await startApp((_s, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      // In pieces, as a real app streams a large answer.
      let at = 0;
      const next = () => {
        if (at >= big.length) return void res.end();
        const piece = big.subarray(at, (at += 256 * 1024));
        if (res.write(piece)) setImmediate(next);
        else res.once("drain", next);
      };
      next();
    });
    const persisted: Capture[] = [];
    const r = await startReceiver({
      secret: SECRET,
      relay: createRelay({ to: app.url, routes: [], forwardCrc: false, timeoutMs: 10_000 }, SECRET),
      persist: async (c) => void persisted.push(c),
    });
    try {
      const res = await httpRequest(r.url, { headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: BODY });
      assert.equal(res.status, 200);
      assert.equal(res.body.length, big.length);
      assert.ok(res.body.equals(big), "the answer changed on the way back");
      const c = persisted[0]!;
      assert.equal(c.response.truncated, true);
      assert.equal(c.response.bodySize, big.length);
      assert.equal(c.response.bodySha256, createHash("sha256").update(big).digest("hex"));
      assert.ok(Buffer.byteLength(c.response.body) <= 3 * 64 * 1024, "the stored answer is capped");
      assert.ok((c.forward?.body ?? "").length <= 64 * 1024);
      const { record } = encodeRecord(c);
      assert.ok(record.length < 512 * 1024, `record of ${record.length} bytes`);
      const back = decodeRecord(record);
      assert.deepEqual([back?.id, back?.response, back?.forward], [c.id, c.response, c.forward]);
    } finally {
      await r.close();
      await app.close();
    }
  });

  it("redirects are relayed, not followed", async () => {
    const app = await startApp((s, res) => {
      if (s.url === "/zoom") res.writeHead(307, { location: "/elsewhere" }).end();
      else res.writeHead(200).end("followed");
    });
    const r = await receiverFor(app.url, []);
    try {
      const res = await httpRequest(r.url, { headers: zoomHeaders({ body: BODY, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }), body: BODY });
      assert.equal(res.status, 307);
      assert.equal(res.headers.location, "/elsewhere");
      assert.deepEqual(app.seen.map((s) => s.url), ["/zoom"]);
    } finally {
      await r.close();
      await app.close();
    }
  });
});
