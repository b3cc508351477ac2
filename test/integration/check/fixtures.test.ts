// Honest grading: `check`'s core against real endpoints — Zoom's sample app, zoomhook's own listen,
// a deliberately broken app, CircleCI's documented receiver — each a real HTTP server on 127.0.0.1:0.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCheck } from "../../../src/check/run.js";
import type { CheckReport, ProbeResult } from "../../../src/check/types.js";
import { circleciProvider } from "../../../src/providers/circleci/index.js";
import type { WebhookProvider } from "../../../src/providers/types.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";
import { startListen } from "../../../src/session/listen.js";
import { createBus } from "../../../src/shared/bus.js";
import { startBrokenEndpoint } from "../../support/broken-endpoint.js";
import { startCircleciDocsReceiver } from "../../support/circleci-docs-receiver.js";
import { startCircleciExpressReceiver } from "../../support/circleci-express-receiver.js";
import { startSampleReceiver } from "../../support/zoom-sample-receiver.js";

const SECRET = "check_fixture_secret";
/** A run never sends more than a few dozen requests. */
const MAX_REQUESTS = 36;

function probe(report: CheckReport, id: string): ProbeResult {
  const found = report.probes.find((p) => p.id === id);
  assert.ok(found, `probe ${id} missing from ${report.probes.map((p) => p.id).join(", ")}`);
  return found;
}

function verdicts(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.probes.map((p) => [p.id, p.verdict]));
}

/** Zoom with a shorter answer budget: the slow-answer thresholds follow it, so a slow fixture need not take seconds. */
function hurriedZoom(budgetMs: number): WebhookProvider {
  return { ...zoomProvider, rules: { ...zoomProvider.rules, answerBudgetMs: budgetMs } };
}

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

describe("check against zoomhook's own listen", () => {
  let state: string;
  before(async () => {
    state = await mkdtemp(join(tmpdir(), "zoomhook-check-"));
  });
  after(async () => {
    await rm(state, { recursive: true, force: true });
  });

  for (const provider of [zoomProvider, circleciProvider]) {
    it(`every ${provider.title} probe passes`, async () => {
      const session = await startListen(
        {
          host: "127.0.0.1",
          port: 0,
          portExplicit: true,
          path: "/webhook",
          provider,
          secret: SECRET,
          toleranceSeconds: 300,
          maxBody: 10 * 1024 * 1024,
          store: false,
          inspect: false,
          tunnel: false,
          cwd: state,
        },
        { bus: createBus(), env: { ...process.env, ZOOMHOOK_STATE_DIR: state } },
      );
      try {
        const report = await runCheck({ provider, url: session.ready.localUrl, secret: SECRET });
        const failing = report.probes.filter((p) => p.verdict !== "pass").map((p) => `${p.id}: ${p.summary}`);
        assert.deepEqual(failing, []);
        assert.equal(report.probes.length, provider === zoomProvider ? 11 : 9);
        assert.equal(report.verdict, "pass");
      } finally {
        await session.close();
      }
    });
  }
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

describe("check against a CircleCI receiver written the way CircleCI's docs show", () => {
  it("every probe passes: raw-body hex HMAC, the v1 entry only, 401 otherwise", async () => {
    const docs = await startCircleciDocsReceiver(SECRET);
    try {
      const report = await runCheck({ provider: circleciProvider, url: docs.url, secret: SECRET });
      assert.deepEqual(report.probes.filter((p) => p.verdict !== "pass").map((p) => `${p.id}: ${p.summary}`), []);
      assert.equal(probe(report, "signature-version").exchanges[0]!.response?.status, 401);
      assert.equal(report.verdict, "pass");
      // The documented receiver saw only what a real CircleCI would send plus the check's refusals: no more than a few dozen.
      assert.ok(docs.verdicts.length <= MAX_REQUESTS && docs.verdicts.length === report.requests, `${docs.verdicts.length} requests`);
    } finally {
      await docs.close();
    }
  });
});

describe("check against a CircleCI receiver pasted from the docs' snippet into Express", () => {
  let report: CheckReport;
  before(async () => {
    const app = await startCircleciExpressReceiver(SECRET);
    try {
      report = await runCheck({ provider: circleciProvider, url: app.url, secret: SECRET });
    } finally {
      await app.close();
    }
  });

  it("runs CircleCI's probes: no crc, no stale-timestamp, no large-body; its own signature-version", () => {
    assert.deepEqual(report.probes.map((p) => p.id), [
      "valid-event", "forged-signature", "no-signature", "wrong-secret", "signature-version", "raw-bytes", "duplicate", "slow-answer", "methods",
    ]);
  });

  it("raw-body verification passes; forgeries and other secrets are refused", () => {
    for (const id of ["valid-event", "raw-bytes", "forged-signature", "wrong-secret", "duplicate", "methods"]) assert.equal(probe(report, id).verdict, "pass", id);
  });

  it("a missing header or a v2-only signature crashes the pasted code: warned, with the 500 shown", () => {
    for (const id of ["no-signature", "signature-version"]) {
      const p = probe(report, id);
      assert.equal(p.verdict, "warn", id);
      assert.equal(p.exchanges[0]!.response?.status, 500, id);
      assert.match(p.cause!, /threw/, id);
    }
    assert.equal(report.verdict, "warn");
  });
});

describe("an endpoint that never answers", () => {
  it("stops after the first silence and reports the endpoint unreachable", async () => {
    const sample = await startSampleReceiver(SECRET);
    const url = sample.url;
    await sample.close(); // the port is now closed: connection refused
    const report = await runCheck({ url, secret: SECRET });
    assert.equal(report.verdict, "unreachable");
    assert.equal(report.reachable, false);
    assert.equal(report.requests, 1);
    assert.equal(report.probes.length, 1);
    assert.equal(report.probes[0]!.exchanges[0]!.error?.kind, "refused");
    assert.equal(report.notRun.length, 10);
  });
});
