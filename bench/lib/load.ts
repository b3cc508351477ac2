// Drive concurrent signed POSTs with autocannon (in this process) and return requests per second.
import { createRequire } from "node:module";
import type { SignedRequest } from "./payload.js";

interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
}
interface Instance {
  stop(): void;
  on(event: "response", listener: () => void): void;
}
type Cannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: CannonResult) => void) => Instance;

const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

export interface LoadResult {
  rps: number;
  total: number;
  seconds: number;
  bad: number;
}

export interface LoadOptions {
  connections: number;
  /** Run for this long (seconds)… */
  seconds?: number;
  /** …or until this many requests completed. */
  amount?: number;
}

export function hammer(url: string, req: SignedRequest, o: LoadOptions): Promise<LoadResult> {
  const limit = (o.seconds ?? 30) * 1000 + 30_000;
  return new Promise((resolve, reject) => {
    let inst: Instance | undefined;
    const guard = setTimeout(() => {
      inst?.stop();
      reject(new Error(`autocannon did not finish within ${limit} ms`));
    }, limit);
    // With `amount`, autocannon reports a duration rounded up to its 1 s sampling tick: time the last answer instead.
    const t0 = performance.now();
    let answered = 0;
    let lastAt = t0;
    inst = autocannon(
      {
        url,
        method: "POST",
        headers: req.headers,
        body: req.body,
        connections: o.connections,
        pipelining: 1,
        timeout: 10,
        ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 3 }),
      },
      (err, r) => {
        clearTimeout(guard);
        if (err) return reject(err);
        const total = r.requests.total;
        const seconds = o.amount ? (lastAt - t0) / 1000 : r.duration;
        resolve({ rps: (o.amount ? answered : total) / seconds, total, seconds, bad: r.non2xx + r.errors + r.timeouts });
      },
    );
    if (o.amount) {
      inst.on("response", () => {
        answered++;
        lastAt = performance.now();
      });
    }
  });
}
