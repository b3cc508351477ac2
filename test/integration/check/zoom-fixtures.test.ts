// Honest grading, Zoom: `check`'s core against a receiver written like Zoom's sample app (also with a secret it
// does not share) and a deliberately broken app — each a real HTTP server on 127.0.0.1:0.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { runCheck } from "../../../src/check/run.js";
import type { CheckReport } from "../../../src/check/types.js";
import { startBrokenEndpoint } from "../../support/broken-endpoint.js";
import { startSampleReceiver } from "../../support/zoom-sample-receiver.js";
import { hurriedZoom, MAX_REQUESTS, probe, SECRET, verdicts } from "./helpers.js";

describe("check against a receiver written like Zoom's sample app", () => {
  let report: CheckReport;
  before(async () => {
    const sample = await startSampleReceiver(SECRET);
    try {
      report = await runCheck({ url: sample.url, secret: SECRET });
    } finally {
      await sample.close();
    }
  });

  it("crc passes: the sample answers the challenge correctly", () => {
    assert.equal(probe(report, "crc").verdict, "pass");
  });

  it("raw-bytes fails and names the re-serialisation bug and its fix", () => {
    const p = probe(report, "raw-bytes");
    assert.equal(p.verdict, "fail");
    assert.match(p.cause!, /re-serialised body \(JSON\.stringify\(req\.body\)/);
    assert.match(p.fix!, /exact bytes/);
    // Only the forms JSON.stringify would not reproduce were refused; compact UTF-8 with an emoji was fine.
    assert.deepEqual(p.exchanges.map((e) => e.response?.status), [401, 200, 401, 401]);
    assert.deepEqual(p.exchanges.map((e) => e.label.replace(/^meeting\.started, /, "")), [
      "\\u-escaped unicode", "literal emoji (compact UTF-8)", "pretty-printed", "escaped slashes (\\/)",
    ]);
    // The same event in four spellings: each longer than the compact one.
    const [escaped, compact, pretty, slashes] = p.exchanges.map((e) => e.request.bytes);
    assert.ok(escaped! > compact! && pretty! > compact! && slashes! > compact!, `${escaped} ${compact} ${pretty} ${slashes}`);
  });

  it("stale-timestamp warns: no replay protection", () => {
    const p = probe(report, "stale-timestamp");
    assert.equal(p.verdict, "warn");
    assert.match(p.cause!, /no timestamp window/);
  });

  it("large-body fails on body-parser's 100 KB default", () => {
    const p = probe(report, "large-body");
    assert.equal(p.verdict, "fail");
    assert.equal(p.exchanges[0]!.response?.status, 413);
    assert.match(p.cause!, /body-parser.*100 KB/);
    assert.ok(p.exchanges[0]!.request.bytes > 190 * 1024);
  });

  it("the rest passes, and the run stays small", () => {
    const { "raw-bytes": _r, "stale-timestamp": _s, "large-body": _l, ...rest } = verdicts(report);
    assert.deepEqual(new Set(Object.values(rest)), new Set(["pass"]));
    assert.equal(report.verdict, "fail");
    assert.ok(report.requests <= MAX_REQUESTS, `${report.requests} requests`);
    assert.equal(report.requests, report.probes.reduce((n, p) => n + p.exchanges.length, 0) - 3 /* valid events shared by three probes */);
  });
});

describe("check with a secret the endpoint does not share", () => {
  it("says so, and does not pass the probes a general rejection would fool", async () => {
    const sample = await startSampleReceiver(SECRET);
    try {
      const report = await runCheck({ url: sample.url, secret: "not_the_endpoint_secret" });
      assert.match(probe(report, "crc").summary, /got 401: the endpoint rejected the challenge — its secret token differs from yours/);
      const valid = probe(report, "valid-event");
      assert.equal(valid.verdict, "fail");
      assert.match(valid.cause!, /secret token differs/);
      for (const id of ["forged-signature", "no-signature", "wrong-secret", "stale-timestamp", "raw-bytes"]) {
        const p = probe(report, id);
        assert.equal(p.verdict, "warn", id);
        assert.match(p.summary, /but so was a (fresh|plain|valid) delivery \(see valid-event\)/, id);
      }
      // A 413 comes from the body parser before any signature check: still a finding of its own.
      assert.equal(probe(report, "large-body").verdict, "fail");
    } finally {
      await sample.close();
    }
  });
});

describe("check against a deliberately broken endpoint", () => {
  let report: CheckReport;
  before(async () => {
    // 300 ms answers against a 200 ms budget: the same verdicts as 4 s against Zoom's 3 s, in a fraction of the time.
    const broken = await startBrokenEndpoint({ secret: SECRET, delayMs: 300 });
    try {
      report = await runCheck({ provider: hurriedZoom(200), url: broken.url, secret: SECRET, timeoutMs: 10_000 });
    } finally {
      await broken.close();
    }
  });

  it("names the base64 CRC", () => {
    const p = probe(report, "crc");
    assert.equal(p.verdict, "fail");
    assert.match(p.summary, /looks like base64 — Zoom wants the HMAC as lowercase hex/);
  });

  it("names the accepted forgeries", () => {
    for (const id of ["forged-signature", "no-signature", "wrong-secret"]) {
      const p = probe(report, id);
      assert.equal(p.verdict, "fail", id);
      assert.match(p.summary, /^accepted: 200/, id);
      assert.match(p.fix!, /HMAC-SHA256/, id);
    }
    assert.match(probe(report, "forged-signature").cause!, /does not verify signatures/);
  });

  it("names the 100 KB body limit", () => {
    const p = probe(report, "large-body");
    assert.equal(p.verdict, "fail");
    assert.match(p.cause!, /100 KB/);
  });

  it("names the slow answers, against the provider's budget", () => {
    const slow = probe(report, "slow-answer");
    assert.equal(slow.verdict, "fail");
    assert.match(slow.summary, /slowest answer \d+ ms .*gives up at 200 ms/);
    assert.match(slow.fix!, /Answer first, work later/);
    const valid = probe(report, "valid-event");
    assert.equal(valid.verdict, "fail");
    assert.equal(valid.exchanges.length, 1, "valid-event stops at the first late answer");
  });

  it("names the crash on a GET", () => {
    const p = probe(report, "methods");
    assert.equal(p.verdict, "fail");
    assert.equal(p.exchanges[0]!.response?.status, 500);
    assert.match(p.exchanges[0]!.response!.bodyStart, /TypeError/);
  });

  it("with Zoom's real 3 s budget, a 4 s answer is named with its figure (the one slow wait in this suite)", async () => {
    const broken = await startBrokenEndpoint({ secret: SECRET });
    try {
      const r = await runCheck({ url: broken.url, secret: SECRET, only: ["slow-answer"] });
      const p = probe(r, "slow-answer");
      assert.equal(r.requests, 1);
      assert.equal(p.verdict, "fail");
      const ms = p.exchanges[0]!.response!.latencyMs;
      assert.ok(ms >= 4000, `answered after ${ms} ms`);
      assert.match(p.summary, new RegExp(`slowest answer ${ms} ms .*Zoom gives up at 3000 ms`));
    } finally {
      await broken.close();
    }
  });
});
