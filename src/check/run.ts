// The core of `zoomhook check`: run the selected probes one after another against an endpoint; return the report card.
import type { WebhookProvider } from "../providers/types.js";
import type { AuthOption } from "../sender/auth.js";
import { zoomProvider } from "../providers/zoom/index.js";
import { CheckContext } from "./context.js";
import { selectProbes } from "./registry.js";
import type { CheckReport, ProbeResult, ProbeVerdict } from "./types.js";

export interface CheckOptions {
  provider?: WebhookProvider;
  url: string;
  secret: string;
  only?: readonly string[];
  skip?: readonly string[];
  /** Zoom's optional authentication (Basic, Bearer, OAuth, a custom header): added to every delivery, resolved once. */
  auth?: AuthOption[];
  /** Warnings count as failures. */
  strict?: boolean;
  /** Give up on one answer after this long (default: twice the provider's answer budget, so a late answer is still measured). */
  timeoutMs?: number;
  now?: () => number;
  /** Called as each probe starts (a slow endpoint keeps one busy for seconds). */
  onProbeStart?: (id: string) => void;
  /** Called as each probe finishes, for a report that grows while the check runs. */
  onProbe?: (result: ProbeResult) => void;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const provider = options.provider ?? zoomProvider;
  const probes = selectProbes(provider, options.only, options.skip);
  const now = options.now ?? Date.now;
  const started = performance.now();
  const startedAt = new Date(now()).toISOString();
  const timeoutMs = options.timeoutMs ?? provider.rules.answerBudgetMs * 2;
  // An OAuth token is fetched once, as Zoom does, not once per probe.
  const authHeaders = options.auth?.length ? await (await import("../sender/auth.js")).authHeaders(options.auth, timeoutMs) : {};
  const ctx = new CheckContext({ provider, url: options.url, secret: options.secret, timeoutMs, now, authHeaders });
  const results: ProbeResult[] = [];
  const notRun: string[] = [];
  try {
    for (const probe of probes) {
      // Nothing has ever answered and the last probe met silence: the rest would only wait out their timeouts.
      if (!ctx.answered && results.some((r) => r.exchanges.some((e) => e.error))) {
        notRun.push(probe.id);
        continue;
      }
      options.onProbeStart?.(probe.id);
      const probeStarted = performance.now();
      const result = await probe.run(ctx);
      result.durationMs = Math.round(performance.now() - probeStarted);
      results.push(result);
      options.onProbe?.(result);
    }
  } finally {
    await ctx.close();
  }
  const counts: Record<ProbeVerdict, number> = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.verdict]++;
  const reachable = ctx.answered || results.every((r) => r.exchanges.length === 0);
  const verdict: CheckReport["verdict"] = !reachable
    ? "unreachable"
    : counts.fail > 0 || (options.strict && counts.warn > 0)
      ? "fail"
      : counts.warn > 0
        ? "warn"
        : "pass";
  return {
    url: options.url,
    provider: provider.name,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    requests: ctx.requests,
    reachable,
    strict: options.strict ?? false,
    probes: results,
    notRun,
    counts,
    verdict,
  };
}
