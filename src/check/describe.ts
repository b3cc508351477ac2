// A probe's result in words, and whether it fails a run: shared by the JUnit report and `run`'s check step.
import type { Exchange, ProbeResult } from "./types.js";

function exchangeText(e: Exchange): string {
  const got = e.response ? `${e.response.status} in ${e.response.latencyMs} ms: ${e.response.bodyStart}` : `no answer: ${e.error?.message ?? ""}`;
  return `sent ${e.request.method} ${e.request.url} (${e.label}, ${e.request.bytes} bytes)\ngot  ${got}`;
}

/** A probe for people: what happened, why, the fix, and each request with its answer. */
export function probeDetails(p: ProbeResult): string {
  const lines = [p.summary];
  if (p.cause) lines.push(`cause: ${p.cause}`);
  if (p.fix) lines.push(`fix: ${p.fix}`);
  if (p.note) lines.push(`note: ${p.note}`);
  for (const e of p.exchanges) lines.push(exchangeText(e));
  return lines.join("\n");
}

/** Whether a probe fails the run: a failure always, a warning under --strict. */
export function probeFails(p: ProbeResult, strict: boolean): boolean {
  return p.verdict === "fail" || (p.verdict === "warn" && strict);
}

/** A probe in one line, with its fix: a step's failure message, an annotation. */
export function probeLine(p: ProbeResult): string {
  return `${p.id} (${p.verdict}): ${p.summary}${p.fix ? ` Fix: ${p.fix}` : ""}`;
}
