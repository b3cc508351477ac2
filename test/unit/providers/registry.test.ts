// The provider registry and the seam's contract: every provider answers the same questions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getProvider, providerNames } from "../../../src/providers/registry.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { signPayload } from "../../../src/providers/zoom/signature.js";

describe("provider registry", () => {
  it("knows Zoom (the default) and CircleCI", () => {
    assert.deepEqual(providerNames(), ["zoom", "circleci"]);
    assert.equal(getProvider().name, "zoom");
    assert.equal(getProvider("CircleCI").name, "circleci");
  });

  it("refuses an unknown name with a usage error listing the providers", () => {
    assert.throws(() => getProvider("github"), (err: unknown) => isZoomhookError(err) && err.exitCode === 2 && /zoom, circleci/.test(err.hint ?? ""));
  });

  for (const name of providerNames()) {
    it(`${name}: signs what it verifies, over the exact bytes`, async () => {
      const p = getProvider(name);
      const catalog = await p.catalog();
      const event = catalog.list()[0]!.name;
      const body = Buffer.from(JSON.stringify(catalog.build(event, { seed: 3 })));
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = p.deliveryHeaders({ body, secret: "k", timestamp, event });
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      assert.equal(p.verify({ secrets: ["k"], headers: lower, body }).verification, "valid");
      assert.equal(p.verify({ secrets: ["other"], headers: lower, body }).verification, "invalid");
      const resigned = p.resign({ headers: lower, body, secret: "k2", nowMs: Date.now() });
      assert.equal(p.verify({ secrets: ["k2"], headers: resigned.headers, body }).verification, "valid");
      assert.ok(p.headerNames.includes(p.signatureHeader));
      assert.ok(p.rules.answerBudgetMs > 0);
      assert.match(p.secret.env, /^[A-Z_]+$/);
    });
  }
});

describe("Zoom secret rotation", () => {
  const zoom = getProvider("zoom");
  const body = '{"event":"meeting.started","payload":{}}';
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = (secret: string) => ({ "x-zm-request-timestamp": ts, "x-zm-signature": signPayload(secret, ts, body) });

  it("accepts the previous secret and says so; the current one is index 0", () => {
    assert.deepEqual(zoom.verify({ secrets: ["new", "old"], headers: headers("old"), body }).secretIndex, 1);
    assert.deepEqual(zoom.verify({ secrets: ["new", "old"], headers: headers("new"), body }).secretIndex, 0);
    assert.equal(zoom.verify({ secrets: ["new"], headers: headers("new"), body }).secretIndex, undefined);
  });

  it("explains a mismatch under neither secret against the current one", () => {
    const r = zoom.verify({ secrets: ["new", "old"], headers: headers("third"), body });
    assert.equal(r.verification, "invalid");
    assert.equal(r.diagnosis?.code, "signature_mismatch");
    assert.match(r.diagnosis!.message, /secret differs/);
  });
});
