// Benchmark: a full `check` (every Zoom probe) against a local receiver vs the same number of bare signed POSTs, one at a time.
import { runCheck } from "../src/check/run.js";
import { createAgent, postRaw } from "../src/http/client.js";
import { padBody } from "../src/events/index.js";
import { buildEvent } from "../src/events/index.js";
import { zoomHeaders } from "../src/providers/zoom/headers.js";
import { startReceiver } from "../src/receiver/index.js";
import { BENCH_SECRET } from "./lib/payload.js";
import { fmt, median, note, ratioLine } from "./lib/report.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BENCH = "check-run";

/** The baseline: as many sequential POSTs as the check made (one of them the ~200 KiB body), pre-built and pre-signed. */
async function bareRequests(url: string, count: number): Promise<number> {
  const small = Buffer.from(JSON.stringify(buildEvent("meeting.started")));
  const large = Buffer.from(JSON.stringify(padBody(buildEvent("meeting.started"), 200)));
  const ts = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: count }, (_, i) => {
    const body = i === 0 ? large : small;
    return { body, headers: zoomHeaders({ body, secret: BENCH_SECRET, timestamp: ts }) };
  });
  const agent = createAgent(1);
  const t = performance.now();
  for (const r of requests) await postRaw(url, { ...r, dispatcher: agent });
  const ms = performance.now() - t;
  await agent.close();
  return ms;
}

const receiver = await startReceiver({ host: "127.0.0.1", port: 0, secret: BENCH_SECRET, toleranceSeconds: 300 });
try {
  // Warm-up: module loading, the catalog and the JIT, so both sides are measured warm.
  const warm = await runCheck({ url: receiver.url, secret: BENCH_SECRET });
  if (warm.verdict !== "pass") throw new Error(`check did not pass against zoomhook's receiver: ${JSON.stringify(warm.counts)}`);
  await bareRequests(receiver.url, warm.requests);
  const checkMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await runCheck({ url: receiver.url, secret: BENCH_SECRET });
    checkMs.push(performance.now() - t);
    bareMs.push(await bareRequests(receiver.url, warm.requests));
  }
  note(`${warm.requests} requests per check; median of ${ROUNDS} rounds; check ${fmt(median(checkMs), 1)} ms, bare ${fmt(median(bareMs), 1)} ms`);
  ratioLine(BENCH, "full check vs bare POSTs", median(checkMs), "the same number of pre-signed POSTs", median(bareMs), "ms", "≤", 4, 1);
} finally {
  await receiver.close();
}
