// Shared helpers for benchmarks: medians, percentiles, number formatting and the one-line ratio verdict.
export interface RatioLine {
  bench: string;
  label: string;
  subject: number;
  baseline: number;
  baselineLabel: string;
  unit: string;
  ratio: number;
  /** "≥" means higher is better (throughput); "≤" means lower is better (time). */
  op: "≥" | "≤";
  target: number;
  pass: boolean;
}

export const jsonMode = process.argv.includes("--json");

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile of an already sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Print `label: <subject> vs <baseline> → ratio r (target op t) PASS|MISS`; returns the record too. */
export function ratioLine(
  bench: string,
  label: string,
  subject: number,
  baselineLabel: string,
  baseline: number,
  unit: string,
  op: "≥" | "≤",
  target: number,
  digits = 0,
): RatioLine {
  const ratio = subject / baseline;
  const pass = op === "≥" ? ratio >= target : ratio <= target;
  const line: RatioLine = { bench, label, subject, baseline, baselineLabel, unit, ratio, op, target, pass };
  if (jsonMode) {
    process.stdout.write(`${JSON.stringify({ type: "ratio", ...line })}\n`);
  } else {
    process.stdout.write(
      `${label}: ${fmt(subject, digits)} ${unit} vs ${baselineLabel} ${fmt(baseline, digits)} ${unit} → ratio ${ratio.toFixed(2)} (target ${op} ${target.toFixed(2)}) ${pass ? "PASS" : "MISS"}\n`,
    );
  }
  return line;
}

/** A detail line: plain text normally, a JSON note with --json. */
export function note(text: string, data?: Record<string, unknown>): void {
  if (jsonMode) process.stdout.write(`${JSON.stringify({ type: "note", text, ...data })}\n`);
  else process.stdout.write(`${text}\n`);
}
