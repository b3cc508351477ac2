// A recording HTTP target for send tests: keeps every request's method, headers and exact body bytes, and answers as scripted.
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** When the request finished arriving (performance.now()). */
  at: number;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type Script = Answer[] | ((n: number, req: Recorded) => Answer);

export interface RecordingTarget {
  url: string;
  port: number;
  seen: Recorded[];
  /** Resolve once `n` requests have arrived (bounded). */
  waitFor(n: number, timeoutMs?: number): Promise<Recorded[]>;
  close(): Promise<void>;
}

/** Start a target on 127.0.0.1:0. An array script answers in order and repeats its last entry. */
export function startTarget(script: Script = [{ status: 200, body: '{"status":"ok"}' }]): Promise<RecordingTarget> {
  const seen: Recorded[] = [];
  const waiters = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  const pick = (n: number, rec: Recorded): Answer => (typeof script === "function" ? script(n, rec) : script[Math.min(n, script.length - 1)]!);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks), at: performance.now() };
      const n = seen.length;
      seen.push(rec);
      for (const w of waiters) w();
      const a = pick(n, rec);
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
        res.end(a.body ?? "");
      };
      if (a.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          answer();
        }, a.delayMs);
        timers.add(t);
      } else answer();
    });
    req.on("error", () => undefined);
    res.on("error", () => undefined);
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/webhook`,
        port,
        seen,
        waitFor: (n, timeoutMs = 10_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              if (seen.length >= n) {
                done();
                ok(seen);
              }
            };
            const timer = setTimeout(() => {
              done();
              fail(new Error(`target saw ${seen.length} of ${n} requests within ${timeoutMs} ms`));
            }, timeoutMs);
            const done = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          }),
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearTimeout(t);
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port that nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Zoom's v0 signature, computed independently of the code under test. */
export function expectedSignature(secret: string, timestamp: string, body: Buffer): string {
  const h = createHmac("sha256", secret);
  h.update(`v0:${timestamp}:`);
  h.update(body);
  return `v0=${h.digest("hex")}`;
}

/** True when the request's x-zm-signature is valid over exactly the bytes received. */
export function signedOverBytes(rec: Recorded, secret: string): boolean {
  const ts = rec.headers["x-zm-request-timestamp"];
  const sig = rec.headers["x-zm-signature"];
  return typeof ts === "string" && typeof sig === "string" && sig === expectedSignature(secret, ts, rec.body);
}

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const REQUEST_ID_SHAPE = /^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/;
export const TRACEPARENT_SHAPE = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
