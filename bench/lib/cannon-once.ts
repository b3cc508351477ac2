// One cold load run in a fresh process, like a CLI run: `autocannon|undici <url> <amount> <connections>` prints {"rps":…}.
import { hammer } from "./load.js";
import { signedMeetingStarted } from "./payload.js";

const [client, url, amount, connections] = process.argv.slice(2);
const req = signedMeetingStarted();
const n = Number(amount);
const c = Number(connections);

/** zoomhook's own outbound client (undici, keep-alive agent) with nothing else per request: the floor for `send`. */
async function undiciRun(): Promise<{ rps: number; bad: number }> {
  const { createAgent, postRaw } = await import("../../src/http/client.js");
  const agent = createAgent(c);
  let next = 0;
  let bad = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) {
        next++;
        const a = await postRaw(url!, { body: req.body, headers: req.headers, dispatcher: agent, timeoutMs: 10_000 });
        if (a.status !== 200) bad++;
      }
    }),
  );
  const rps = n / ((performance.now() - t) / 1000);
  await agent.close();
  return { rps, bad };
}

const r = client === "undici" ? await undiciRun() : await hammer(url!, req, { amount: n, connections: c });
process.stdout.write(`${JSON.stringify({ rps: r.rps, bad: r.bad })}\n`);
