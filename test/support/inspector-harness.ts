// Test support for the inspector: an in-memory CaptureReader, fake actions, and raw HTTP with a chosen Host.
import { request as httpRequest } from "node:http";
import { createBus, type Bus } from "../../src/shared/bus.js";
import { summarize, type Capture, type CaptureQuery, type CaptureReader } from "../../src/shared/capture.js";
import { startInspector, type Inspector, type InspectorActions } from "../../src/inspector/index.js";

let seq = 0;

/** A realistic Zoom capture; ids sort by creation order like the store's. */
export function makeCapture(overrides: Partial<Capture> & { payload?: unknown } = {}): Capture {
  seq += 1;
  const { payload, ...rest } = overrides;
  const event = overrides.event ?? "meeting.started";
  const body = overrides.body ?? Buffer.from(JSON.stringify(payload ?? { event, event_ts: 1763899531000 + seq, payload: { account_id: "AcC0unt", object: { id: 85012345678, topic: "Weekly sync", uuid: `u${seq}==` } } }));
  return {
    id: `cap_${String(seq).padStart(9, "0")}`,
    receivedAt: new Date(Date.UTC(2025, 10, 23, 12, 0, 0) + seq * 1000).toISOString(),
    method: "POST",
    path: "/webhook",
    headers: [
      ["host", "fluffy-otter-42.ngrok-free.app"],
      ["content-type", "application/json; charset=utf-8"],
      ["user-agent", "Zoom Marketplace/1.0a"],
      ["authorization", "Bearer s3cr3t-verification-token"],
      ["x-zm-request-timestamp", "1763899531"],
      ["x-zm-signature", "v0=2f5e0c2b6b4f8e9d0a1c3e5f7a9b1d3f5e7a9c1e3f5a7b9d1f3e5a7c9b1d3f5e"],
    ],
    body,
    bodySize: body.length,
    truncated: false,
    kind: "event",
    event,
    verification: "valid",
    response: { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' },
    durationMs: 4,
    ...rest,
  };
}

/** A handful of captures covering the verdicts and timings the page must explain. */
export function seedCaptures(): Capture[] {
  return [
    makeCapture({ event: "endpoint.url_validation", kind: "crc", payload: { event: "endpoint.url_validation", payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" } } }),
    makeCapture({ event: "meeting.started", forward: { url: "http://localhost:3000/zoom", status: 200, durationMs: 12, body: '{"ok":true}', headers: { "content-type": "application/json" } } }),
    makeCapture({
      event: "meeting.ended",
      verification: "invalid",
      response: { status: 401, headers: {}, body: '{"error":"invalid signature"}' },
      diagnosis: { code: "signature_mismatch", message: "signature mismatch: most likely the secret differs from the one that signed it (or the body or timestamp was altered)" },
    }),
    makeCapture({ event: "recording.completed", durationMs: 3412, forward: { url: "http://localhost:3000/zoom", status: 504, durationMs: 3401, error: "timed out after 3400 ms" } }),
    makeCapture({ event: "meeting.participant_joined", verification: "stale", diagnosis: { code: "clock_skew", message: "signature is correct but the timestamp is 912 s old (tolerance 300 s): a replayed delivery, or clock skew" } }),
  ];
}

export interface MemoryReader extends CaptureReader {
  add(c: Capture): void;
  clearAll(): void;
  all(): Capture[];
}

export function createMemoryReader(initial: Capture[] = []): MemoryReader {
  const byId = new Map<string, Capture>(initial.map((c) => [c.id, c]));
  const sorted = (): Capture[] => [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  let cache: Capture[] | undefined;
  const newestFirst = (): Capture[] => (cache ??= sorted());
  return {
    async list(q: CaptureQuery = {}) {
      const out = [];
      for (const c of newestFirst()) {
        if (q.before && c.id >= q.before) continue;
        if (q.event && !(q.event.endsWith("*") ? (c.event ?? "").startsWith(q.event.slice(0, -1)) : c.event === q.event)) continue;
        if (q.verification && c.verification !== q.verification) continue;
        if (q.kind && c.kind !== q.kind) continue;
        out.push(summarize(c));
        if (q.limit && out.length >= q.limit) break;
      }
      return out;
    },
    async get(id) {
      return id === "last" ? newestFirst()[0] : byId.get(id);
    },
    async count() {
      return byId.size;
    },
    add(c) {
      byId.set(c.id, c);
      cache = undefined;
    },
    clearAll() {
      byId.clear();
      cache = undefined;
    },
    all: newestFirst,
  };
}

export interface Harness {
  inspector: Inspector;
  reader: MemoryReader;
  bus: Bus;
  replays: Array<{ id: string; body?: string; newId?: string }>;
  clears: number;
  /** Adds a capture to the reader and announces it on the bus, as the listener does. */
  receive(c: Capture): Capture;
  close(): Promise<void>;
}

export async function startHarness(options: { captures?: Capture[]; port?: number; endpointUrl?: string } = {}): Promise<Harness> {
  const reader = createMemoryReader(options.captures);
  const bus = createBus();
  const receive = (c: Capture): Capture => {
    reader.add(c);
    bus.emit({ type: "request", capture: summarize(c) });
    return c;
  };
  const h = { reader, bus, replays: [], clears: 0, receive } as unknown as Harness;
  const actions: InspectorActions = {
    async replay(id, opts) {
      const original = await reader.get(id);
      if (!original) return { status: 404, error: `no capture ${id}` };
      const body = opts?.body === undefined ? original.body : Buffer.from(opts.body, "utf8");
      const copy = makeCapture({ event: original.event, body, replayOf: id });
      h.replays.push({ id, body: opts?.body, newId: copy.id });
      receive(copy);
      return { status: 200, captureId: copy.id };
    },
    async clear() {
      h.clears += 1;
      reader.clearAll();
      bus.emit({ type: "cleared" });
    },
  };
  h.inspector = await startInspector({ port: options.port ?? 0, store: reader, bus, actions, endpointUrl: options.endpointUrl ?? "https://fluffy-otter-42.ngrok-free.app/webhook" });
  h.close = () => h.inspector.close();
  return h;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch will not let a test choose the Host header. */
export function raw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: { host: `127.0.0.1:${port}`, ...init.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** The Cookie header a browser would send after visiting the printed URL. */
export function authCookie(inspector: Inspector): string {
  return `zoomhook_inspector_${inspector.port}=${inspector.token}`;
}
