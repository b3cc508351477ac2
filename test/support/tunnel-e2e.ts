// Helpers for the tunnel e2e tests: a temp world wired to a fake ngrok edge, human-mode listeners, raw HTTP through the edge.
import { spawn, type ChildProcess } from "node:child_process";
import { stopChild, waitUntil } from "./child.js";
import { createHmac } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BIN, childEnv, killAll, makeWorld, type EnvPatch, type World } from "./cli.js";
import { startFakeNgrokEdge, type FakeEdgeBehaviour, type FakeNgrokEdge } from "./fake-ngrok-edge.js";

export const SECRET = "e2e-zoom-secret-token";
export const NGROK_TOKEN = "e2e-ngrok-authtoken";

export interface TunnelWorld extends World {
  edge: FakeNgrokEdge;
  /** Private state dir, NGROK_AUTHTOKEN and the edge's address and CA. */
  tunnelEnv: EnvPatch;
  /** `listen` arguments with the tunnel on and no fixed ports. */
  tunnelArgs: string[];
  /** Registry files of live listeners in this world's state dir. */
  registryFiles(): string[];
  close(): Promise<void>;
}

export async function makeTunnelWorld(behaviour: FakeEdgeBehaviour = {}): Promise<TunnelWorld> {
  const world = makeWorld("zoomhook-tunnel-e2e-");
  const edge = await startFakeNgrokEdge(behaviour);
  const listenersDir = join(world.stateDir, "listeners");
  return {
    ...world,
    edge,
    tunnelEnv: { ...world.env, NGROK_AUTHTOKEN: NGROK_TOKEN, ...edge.env },
    tunnelArgs: ["--port", "0", "--inspect-port", "0", "--store", world.store],
    registryFiles: () => (existsSync(listenersDir) ? readdirSync(listenersDir).filter((n) => n.endsWith(".json")) : []),
    async close() {
      killSpawned();
      killAll();
      await edge.close();
      world.cleanup();
    },
  };
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `re` in the stream (seen so far or later); rejects on exit or after timeoutMs. */
  waitForText(stream: "stdout" | "stderr", re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
  /** Send a signal and wait (bounded) for the exit; SIGKILL and reject past timeoutMs. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
}

const spawned = new Set<ChildProcess>();
function killSpawned(): void {
  for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}
process.on("exit", killSpawned);

/** Spawn `zoomhook <args>` and keep its output for waiting on (for human-mode listeners and `url --wait`). */
export function spawnCli(args: string[], options: { env?: EnvPatch; cwd?: string } = {}): Spawned {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
  spawned.add(child);
  const text = { stdout: "", stderr: "" };
  const waiters = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>((resolve) =>
    child.on("close", (code, signal) => {
      spawned.delete(child);
      resolve({ code, signal, elapsedMs: performance.now() - started });
      for (const w of waiters) w();
    }),
  );
  for (const name of ["stdout", "stderr"] as const) {
    child[name].setEncoding("utf8").on("data", (d: string) => {
      text[name] += d;
      for (const w of waiters) w();
    });
  }
  const dump = () => `\nstdout: ${text.stdout}\nstderr: ${text.stderr}`;

  const waitForText = (stream: "stdout" | "stderr", re: RegExp, timeoutMs = 20_000) =>
    waitUntil(child, waiters, () => re.exec(text[stream]) ?? undefined, `${re} on ${stream}`, timeoutMs, dump);
  const stop = (signal: NodeJS.Signals = "SIGINT", timeoutMs = 10_000) => stopChild(child, exited, signal, timeoutMs, dump);

  return { child, stdout: () => text.stdout, stderr: () => text.stderr, waitForText, exited, stop };
}

/** A raw HTTP/1.1 request with Content-Length and Connection: close, as the fake edge expects. */
export function rawRequest(method: string, path: string, options: { headers?: Record<string, string>; body?: string; host?: string } = {}): string {
  const body = options.body ?? "";
  const headers: Record<string, string> = { Host: options.host ?? "fake.ngrok-free.app", ...options.headers };
  if (body !== "" || method === "POST") headers["Content-Length"] = String(Buffer.byteLength(body));
  headers.Connection = "close";
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return `${method} ${path} HTTP/1.1\r\n${head}\r\n${body}`;
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Status, lower-cased headers and body of a raw HTTP/1.1 response (Content-Length, chunked, or until close). */
export function parseHttp(raw: Buffer): ParsedResponse {
  const split = raw.indexOf("\r\n\r\n");
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(raw.toString("utf8").slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, split).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = body.indexOf("\r\n", at);
      if (eol < 0) break;
      const size = parseInt(body.subarray(at, eol).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers["content-length"] !== undefined) {
    body = body.subarray(0, Number(headers["content-length"]));
  }
  return { status, headers, body: body.toString("utf8") };
}

/** Zoom's signature, computed here independently of zoomhook: v0= HMAC-SHA256(secret, "v0:<ts>:<body>") in hex. */
export function zoomSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** A signed endpoint.url_validation POST (raw bytes) and the encryptedToken Zoom expects back. */
export function signedCrcRequest(secret: string, plainToken: string, path = "/webhook"): { raw: string; encryptedToken: string } {
  const ts = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: "endpoint.url_validation" });
  const raw = rawRequest("POST", path, {
    body,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "Zoom Marketplace/1.0a",
      "x-zm-request-timestamp": String(ts),
      "x-zm-signature": zoomSignature(secret, ts, body),
    },
  });
  return { raw, encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex") };
}
