// Test helpers for the store: a realistic capture and a temp directory that cleans itself up.
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Capture } from "../../../src/shared/capture.js";
import { newCaptureId } from "../../../src/store/index.js";

export function makeCapture(overrides: Partial<Capture> = {}): Capture {
  const body = overrides.body ?? Buffer.from(JSON.stringify({ event: "meeting.started", payload: { object: { id: 123, topic: "Standup" } } }));
  const capture: Capture = {
    id: newCaptureId(),
    receivedAt: new Date().toISOString(),
    method: "POST",
    path: "/webhook?x=1",
    headers: [["Host", "127.0.0.1"], ["Authorization", "Bearer secret-token"], ["x-zm-signature", "v0=abc"], ["X-Dup", "1"], ["x-dup", "2"]],
    body,
    bodySize: body.length,
    truncated: false,
    kind: "event",
    event: "meeting.started",
    verification: "valid",
    response: { status: 200, headers: { "content-type": "application/json" }, body: "{}" },
    durationMs: 3,
    ...overrides,
  };
  return capture;
}

export function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "zoomhook-store-"));
  try {
    return await fn(path.join(dir, "store"));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Collect warnings instead of printing them. */
export function warnings(): { list: Array<[string, string]>; onWarning: (code: string, message: string) => void } {
  const list: Array<[string, string]> = [];
  return { list, onWarning: (code, message) => void list.push([code, message]) };
}
