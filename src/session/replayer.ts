// Replays from inside a running listener (the inspector's Replay and Edit & replay): re-signed, through the receiver.
import type { Capture, CaptureReader } from "../shared/capture.js";
import { HttpFailure, postRaw } from "../http/client.js";
import { prepareReplay } from "../sender/replay.js";
import { getProvider } from "../providers/registry.js";

const OBSERVE_TIMEOUT_MS = 5000;

export interface ReplayOutcome {
  status: number;
  captureId?: string;
  error?: string;
}

export function createReplayer() {
  // New captures are matched to the replay that caused them by their fresh delivery id, or, for
  // providers without one, by the capture they replay.
  const waiting = new Map<string, (id: string) => void>();
  return {
    observe(capture: Capture): void {
      if (waiting.size === 0) return;
      const key = capture.dedupeKey && waiting.has(capture.dedupeKey) ? capture.dedupeKey : capture.replayOf;
      const done = key ? waiting.get(key) : undefined;
      if (done) done(capture.id);
    },
    async replay(store: CaptureReader, id: string, url: string, secret: string | undefined, options: { body?: string } = {}): Promise<ReplayOutcome> {
      const original = await store.get(id);
      if (!original) return { status: 404, error: `no capture ${id}` };
      if (options.body !== undefined) {
        try {
          JSON.parse(options.body);
        } catch (err) {
          return { status: 400, error: `the edited body is not JSON: ${(err as Error).message}` };
        }
      }
      const prepared = prepareReplay(original, {
        secret,
        body: options.body === undefined ? undefined : Buffer.from(options.body, "utf8"),
      });
      const idHeader = getProvider(original.provider).requestIdHeader;
      const requestId = (idHeader && prepared.headers[idHeader]) || original.id;
      let timer: NodeJS.Timeout | undefined;
      const seen = new Promise<string | undefined>((resolve) => {
        waiting.set(requestId, resolve);
        timer = setTimeout(() => resolve(undefined), OBSERVE_TIMEOUT_MS);
      });
      try {
        const answer = await postRaw(url, { body: prepared.body, headers: prepared.headers });
        const captureId = await seen;
        return { status: answer.status, captureId };
      } catch (err) {
        if (err instanceof HttpFailure) return { status: 502, error: err.message };
        throw err;
      } finally {
        clearTimeout(timer);
        waiting.delete(requestId);
      }
    },
  };
}
