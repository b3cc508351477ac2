// The JUnit rendering of a check report: counts, one testcase per probe, warnings failing only with --strict, escaping.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkJunit } from "../../../src/check/junit.js";
import type { CheckReport, ProbeResult } from "../../../src/check/types.js";

function result(id: string, verdict: ProbeResult["verdict"], summary: string): ProbeResult {
  return {
    id,
    title: id,
    verdict,
    summary,
    cause: verdict === "pass" ? undefined : "because <reasons> & more",
    fix: verdict === "pass" ? undefined : 'do "this"',
    durationMs: 12,
    exchanges: [
      {
        label: id,
        request: { method: "POST", url: "http://127.0.0.1:9/webhook", bytes: 3, headers: {}, bodyStart: "{}" },
        response: { status: verdict === "fail" ? 200 : 401, latencyMs: 4, bodyStart: "ok\u0001" },
      },
    ],
  };
}

function report(strict: boolean): CheckReport {
  const probes = [result("crc", "pass", "answered"), result("stale-timestamp", "warn", "accepted"), result("forged-signature", "fail", "accepted: 200")];
  return {
    url: "http://127.0.0.1:9/webhook",
    provider: "zoom",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1234,
    requests: 3,
    reachable: true,
    strict,
    probes,
    notRun: ["methods"],
    counts: { pass: 1, warn: 1, fail: 1 },
    verdict: "fail",
  };
}

test("one testcase per probe; failures, skips and counts as JUnit readers expect", () => {
  const xml = checkJunit(report(false));
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="zoomhook check" tests="4" failures="1" errors="0" skipped="1" time="1\.234">/);
  assert.equal(xml.match(/<testcase /g)?.length, 4);
  assert.match(xml, /<testcase name="forged-signature" classname="zoomhook\.check\.zoom" time="0\.012">\n {6}<failure message="forged-signature: accepted: 200" type="fail">accepted: 200\ncause: because &lt;reasons&gt; &amp; more\nfix: do &quot;this&quot;/);
  assert.match(xml, /name="stale-timestamp"[^>]*>\n {6}<system-out>WARN: accepted/);
  assert.match(xml, /name="methods" classname="zoomhook\.check\.zoom" time="0\.000">\n {6}<skipped message="not run: the endpoint never answered"\/>/);
  assert.ok(!xml.includes("\u0001"));
});

test("--strict turns warnings into failures", () => {
  const xml = checkJunit(report(true));
  assert.match(xml, /failures="2"/);
  assert.match(xml, /<failure message="stale-timestamp: accepted" type="warn">/);
});
