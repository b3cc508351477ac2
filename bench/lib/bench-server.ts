// Child-process servers for benchmarks: a bare node:http baseline, the receiver, a full listen session, a minimal proxy, a forwarding receiver.
// Usage (via fork): bench-server.js <bare|receiver|listen|bare-proxy|forward|listen-forward|listen-store> [forward-url|store]; sends {port} over IPC.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { startReceiver } from "../../src/receiver/index.js";
import { BENCH_SECRET, WEBHOOK_PATH } from "./payload.js";

type Started = { port: number; close: () => Promise<void> };

const ANSWER = Buffer.from(JSON.stringify({ status: "received" }));

/** The floor: read the whole body, answer 200 with a small JSON body (after `delayMs`, for an app that does some work). */
function startBare(delayMs = 0): Promise<Started> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      Buffer.concat(chunks);
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": ANSWER.length });
        res.end(ANSWER);
      };
      // Busy work, not a timer: setTimeout's 1 ms granularity would add more noise than the hop being measured.
      const until = performance.now() + delayMs;
      while (performance.now() < until);
      answer();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }),
      }),
    );
  });
}

/** The floor for a relay: read the body, POST it to the app with undici, hand back the app's bytes. No verify, no capture. */
async function startBareProxy(forwardTo: string): Promise<Started> {
  const { Agent, request } = await import("undici");
  const agent = new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 4000 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers = { "content-type": String(req.headers["content-type"] ?? "application/json") };
      request(forwardTo, { method: "POST", headers, body, dispatcher: agent })
        .then(async (answer) => {
          const out = Buffer.from(await answer.body.arrayBuffer());
          res.writeHead(answer.statusCode, { "content-type": "application/json; charset=utf-8", "content-length": out.length });
          res.end(out);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: async () => {
          await new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); });
          await agent.close();
        },
      }),
    );
  });
}

async function startVerifying(forwardTo?: string): Promise<Started> {
  // Imported only when forwarding: the router pulls in the outbound HTTP client.
  const relay = forwardTo ? (await import("../../src/session/router.js")).createRelay({ to: forwardTo, routes: [], forwardCrc: false, timeoutMs: 10_000 }, BENCH_SECRET) : undefined;
  const r = await startReceiver({ host: "127.0.0.1", port: 0, path: WEBHOOK_PATH, secret: BENCH_SECRET, toleranceSeconds: 0, relay });
  return { port: r.port, close: r.close };
}

/** The whole `listen --json --no-tunnel --no-inspect` session: store on, NDJSON renderer on stdout (a sink). */
async function startListenSession(forwardTo?: string, storeSpec?: string): Promise<Started> {
  const root = mkdtempSync(path.join(os.tmpdir(), "zoomhook-bench-listen-"));
  const env = { ...process.env, ZOOMHOOK_STATE_DIR: path.join(root, "state") };
  const [{ createBus }, { jsonRenderer }, { startListen }] = await Promise.all([
    import("../../src/shared/bus.js"),
    import("../../src/cli/render/listen.js"),
    import("../../src/session/listen.js"),
  ]);
  const bus = createBus();
  const renderer = jsonRenderer();
  bus.on(renderer.render);
  const session = await startListen(
    {
      host: "127.0.0.1",
      port: 0,
      portExplicit: false,
      path: WEBHOOK_PATH,
      secret: BENCH_SECRET,
      secretSource: "bench",
      toleranceSeconds: 0,
      maxBody: 10 * 1024 * 1024,
      forward: forwardTo ? { to: forwardTo, routes: [], forwardCrc: false, timeoutMs: 10_000 } : undefined,
      store: { spec: storeSpec ?? path.join(root, "store") },
      inspect: false,
      tunnel: false,
      cwd: root,
    },
    { bus, env },
  );
  return {
    port: session.receiver.port,
    close: async () => {
      await session.close();
      renderer.flush();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const [kind, target] = process.argv.slice(2);
  let started: Started;
  switch (kind) {
    case "bare": started = await startBare(); break;
    // An app that takes a few ms per webhook (a database write, say): what forwarding overhead is relative to.
    case "app": started = await startBare(Number(target ?? 2)); break;
    case "receiver": started = await startVerifying(); break;
    case "bare-proxy": started = await startBareProxy(target!); break;
    case "forward": started = await startVerifying(target); break;
    case "listen": started = await startListenSession(); break;
    case "listen-forward": started = await startListenSession(target); break;
    // The same session writing to another store (a postgres:// URL).
    case "listen-store": started = await startListenSession(undefined, target); break;
    default: throw new Error(`unknown server kind ${kind}`);
  }
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void started.close().finally(() => process.exit(0));
  };
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.send?.({ port: started.port });
}

await main();
