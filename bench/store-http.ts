// Benchmark: a node:http receiver that captures every request (append before answering) vs a bare one.
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Capture } from "../src/shared/capture.js";
import { newCaptureId, openStore } from "../src/store/index.js";

type Handler = (req: http.IncomingMessage, body: Buffer) => Promise<void> | void;

const body = JSON.stringify({ event: "meeting.started", event_ts: 1700000000000, payload: { account_id: "abc", object: { id: 1, topic: "Weekly sync" } } });
const autocannon = fileURLToPath(new URL("../../node_modules/autocannon/autocannon.js", import.meta.url));

/** Requests per second the server sustains under autocannon run in a separate process. */
async function measure(onRequest: Handler): Promise<number> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void Promise.resolve(onRequest(req, Buffer.concat(chunks))).then(() => {
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  // spawnSync would block this server's event loop; run the client asynchronously.
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [autocannon, "-c", "32", "-d", "4", "-m", "POST", "-H", "content-type=application/json", "-b", body, "-j", url], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c));
  await new Promise((r) => child.on("exit", r));
  server.close();
  return (JSON.parse(out) as { requests: { average: number } }).requests.average;
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, [autocannon, "--version"]).status !== 0) throw new Error("autocannon is not installed");
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "zoomhook-bench-"));
  try {
    const bare = await measure(() => {});
    const store = await openStore({ dir: path.join(root, "store") });
    const captured = await measure((req, raw) => {
      const capture: Capture = {
        id: newCaptureId(), receivedAt: new Date().toISOString(), method: req.method ?? "POST", path: req.url ?? "/",
        headers: pairs(req.rawHeaders), body: raw, bodySize: raw.length, truncated: false, kind: "event",
        event: "meeting.started", verification: "valid", response: { status: 200, headers: { "content-type": "application/json" }, body: "{}" }, durationMs: 0,
      };
      return store.append(capture);
    });
    await store.close();
    process.stdout.write(`store-http: bare node:http ${bare.toFixed(0)} req/s, with capture ${captured.toFixed(0)} req/s, ratio ${(captured / bare).toFixed(2)} (target >= 0.6)\n`);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

await main();
