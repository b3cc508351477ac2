// Honest grading, the rest: `check`'s core against zoomhook's own listen (Zoom and CircleCI), CircleCI's documented
// receiver, the docs' snippet pasted into Express, and an endpoint that never answers.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCheck } from "../../../src/check/run.js";
import type { CheckReport } from "../../../src/check/types.js";
import { circleciProvider } from "../../../src/providers/circleci/index.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";
import { startListen } from "../../../src/session/listen.js";
import { createBus } from "../../../src/shared/bus.js";
import { startCircleciDocsReceiver } from "../../support/circleci-docs-receiver.js";
import { startCircleciExpressReceiver } from "../../support/circleci-express-receiver.js";
import { startSampleReceiver } from "../../support/zoom-sample-receiver.js";
import { MAX_REQUESTS, probe, SECRET } from "./helpers.js";

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
