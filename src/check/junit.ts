// The check's report as JUnit XML, for CI systems: one testcase per probe; warnings fail only with --strict.
import { junitXml, type JunitCase } from "../shared/junit.js";
import { probeDetails, probeFails } from "./describe.js";
import type { CheckReport } from "./types.js";

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
