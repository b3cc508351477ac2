// The check's report as JUnit XML, for CI systems: one testcase per probe; warnings fail only with --strict.
import type { CheckReport, Exchange, ProbeResult } from "./types.js";

// XML 1.0 forbids most control characters even when escaped.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function exchangeText(e: Exchange): string {
  const got = e.response ? `${e.response.status} in ${e.response.latencyMs} ms: ${e.response.bodyStart}` : `no answer: ${e.error?.message ?? ""}`;
  return `sent ${e.request.method} ${e.request.url} (${e.label}, ${e.request.bytes} bytes)\ngot  ${got}`;
}

function details(p: ProbeResult): string {
  const lines = [p.summary];
  if (p.cause) lines.push(`cause: ${p.cause}`);
  if (p.fix) lines.push(`fix: ${p.fix}`);
  if (p.note) lines.push(`note: ${p.note}`);
  for (const e of p.exchanges) lines.push(exchangeText(e));
  return lines.join("\n");
}

function testcase(report: CheckReport, p: ProbeResult): string {
  const open = `    <testcase classname="zoomhook.check.${xmlEscape(report.provider)}" name="${xmlEscape(p.id)}" time="${seconds(p.durationMs)}">`;
  const failing = p.verdict === "fail" || (p.verdict === "warn" && report.strict);
  const body = failing
    ? `\n      <failure type="${p.verdict}" message="${xmlEscape(`${p.title}: ${p.summary}`)}">${xmlEscape(details(p))}</failure>\n    `
    : `\n      <system-out>${xmlEscape(`${p.verdict.toUpperCase()}: ${details(p)}`)}</system-out>\n    `;
  return `${open}${body}</testcase>`;
}

export function checkJunit(report: CheckReport): string {
  const failures = report.probes.filter((p) => p.verdict === "fail" || (p.verdict === "warn" && report.strict)).length;
  const tests = report.probes.length + report.notRun.length;
  const cases = report.probes.map((p) => testcase(report, p));
  for (const id of report.notRun) {
    cases.push(
      `    <testcase classname="zoomhook.check.${xmlEscape(report.provider)}" name="${xmlEscape(id)}" time="0.000">\n      <skipped message="not run: the endpoint never answered"/>\n    </testcase>`,
    );
  }
  const name = xmlEscape(`zoomhook check ${report.provider} ${report.url}`);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${report.notRun.length}" time="${seconds(report.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zoomhook check" ${counts}>`,
    `  <testsuite name="${name}" ${counts} timestamp="${xmlEscape(report.startedAt)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
