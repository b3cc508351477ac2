// Latency summaries for load runs.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export interface LoadSummary {
  sent: number;
  ok: number;
  failed: number;
  noAnswer: number;
  ratePerSec: number;
  p50Ms: number;
  p99Ms: number;
  elapsedMs: number;
}

export function summarizeLatencies(latencies: number[], ok: number, failed: number, noAnswer: number, elapsedMs: number): LoadSummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sent = ok + failed + noAnswer;
  return {
    sent,
    ok,
    failed,
    noAnswer,
    ratePerSec: elapsedMs > 0 ? Math.round((sent / elapsedMs) * 1000 * 10) / 10 : 0,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
    elapsedMs: Math.round(elapsedMs),
  };
}
