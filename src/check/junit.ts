// The check's report as JUnit XML, for CI systems: one testcase per probe; warnings fail only with --strict.
import { junitXml, type JunitCase } from "../shared/junit.js";
import type { CheckReport, Exchange, ProbeResult } from "./types.js";

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

export function checkJunit(report: CheckReport): string {
  const classname = `zoomhook.check.${report.provider}`;
  const cases: JunitCase[] = report.probes.map((p) =>
    probeFails(p, report.strict)
      ? { name: p.id, classname, timeMs: p.durationMs ?? 0, failure: { type: p.verdict, message: `${p.title}: ${p.summary}`, details: probeDetails(p) } }
      : { name: p.id, classname, timeMs: p.durationMs ?? 0, systemOut: `${p.verdict.toUpperCase()}: ${probeDetails(p)}` },
  );
  for (const id of report.notRun) cases.push({ name: id, classname, timeMs: 0, skipped: "not run: the endpoint never answered" });
  const suite = { name: `zoomhook check ${report.provider} ${report.url}`, timeMs: report.durationMs, timestamp: report.startedAt, cases };
  return junitXml("zoomhook check", [suite], report.durationMs);
}
