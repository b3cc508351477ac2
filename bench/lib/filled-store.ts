// A store of N realistic captures in a temp directory, for the read benchmarks.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { newCaptureId, openStore } from "../../src/store/index.js";

export async function filledStore(n: number): Promise<{ root: string; dir: string; bodyBytes: number; remove(): Promise<void> }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "zoomhook-bench-"));
  const dir = path.join(root, "store");
  const store = await openStore({ dir });
  const body = Buffer.from(JSON.stringify({ event: "meeting.started", payload: { object: { topic: "x".repeat(1500) } } }));
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => store.append({
      id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook", headers: [["content-type", "application/json"]],
      body, bodySize: body.length, truncated: false, kind: "event", event: "meeting.started", verification: "valid",
      response: { status: 200, headers: {}, body: "{}" }, durationMs: 1,
    })));
  }
  await store.close();
  return { root, dir, bodyBytes: body.length, remove: () => fs.rm(root, { recursive: true, force: true }) };
}
