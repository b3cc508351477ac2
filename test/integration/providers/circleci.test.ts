// CircleCI over real HTTP: the receiver with deliveries signed independently (CircleCI's known-answer vectors),
// and sendEvents() against a receiver written the way CircleCI's docs show.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startReceiver, type Receiver } from "../../../src/receiver/index.js";
import { getProvider } from "../../../src/providers/registry.js";
import { sendEvents } from "../../../src/sender/send-events.js";
import type { Capture } from "../../../src/shared/capture.js";
import { startCircleciDocsReceiver, type DocsReceiver } from "../../support/circleci-docs-receiver.js";
import { httpRequest } from "../core/http-helpers.js";

const circleci = getProvider("circleci");
const hmac = (key: string, body: string | Buffer) => createHmac("sha256", key).update(body).digest("hex");

describe("receiver --provider circleci", () => {
  let r: Receiver;
  const captures: Capture[] = [];
  before(async () => {
    r = await startReceiver({ provider: circleci, secret: "hunter123", onCapture: (c) => captures.push(c) });
  });
  after(() => r.close());
  const last = () => captures[captures.length - 1]!;

  it("verifies a delivery signed from CircleCI's own vector, and keeps the exact bytes (not JSON: captured, answered 400)", async () => {
    const res = await httpRequest(r.url, {
      headers: { "content-type": "application/json", "circleci-signature": "v1=9be2242094a9a8c00c64306f382a7f9d691de910b4a266f67bd314ef18ac49fa" },
      body: "an-important-request-payload",
    });
    assert.equal(res.status, 400);
    assert.equal(last().verification, "valid");
    assert.equal(last().kind, "malformed");
    assert.equal(last().body.toString(), "an-important-request-payload");
    assert.equal(last().provider, "circleci");
  });

  it("a signed workflow-completed → 200, with its event, dedupe key and provider recorded", async () => {
    const body = JSON.stringify({ type: "workflow-completed", id: "3888f21b-eaa7-38e3-8f3d-75a63bba8895", happened_at: "2026-01-01T00:00:00Z" });
    const res = await httpRequest(r.url, {
      headers: { "content-type": "application/json", "circleci-event-type": "workflow-completed", "circleci-signature": `v1=${hmac("hunter123", body)}` },
      body,
    });
    assert.equal(res.status, 200);
    const c = last();
    assert.deepEqual([c.provider, c.kind, c.event, c.verification, c.dedupeKey], ["circleci", "event", "workflow-completed", "valid", "3888f21b-eaa7-38e3-8f3d-75a63bba8895"]);
  });

  it("forged, unsigned and unknown-version deliveries are 401 and captured with their verdicts", async () => {
    const body = '{"type":"ping","id":"p"}';
    const send = (sig?: string) => httpRequest(r.url, { headers: { "circleci-event-type": "ping", ...(sig ? { "circleci-signature": sig } : {}) }, body });
    assert.equal((await send(`v1=${hmac("other", body)}`)).status, 401);
    assert.equal(last().verification, "invalid");
    assert.equal((await send()).status, 401);
    assert.equal(last().verification, "unsigned");
    assert.equal((await send(`v2=${hmac("hunter123", body)}`)).status, 401);
    assert.equal(last().diagnosis?.code, "unknown_signature_version");
  });

  it("an unknown event type, or no event-type header, is captured and answered 200, not dropped", async () => {
    const body = '{"type":"pipeline-started","id":"u"}';
    assert.equal((await httpRequest(r.url, { headers: { "circleci-event-type": "pipeline-started", "circleci-signature": `v1=${hmac("hunter123", body)}` }, body })).status, 200);
    assert.equal(last().event, "pipeline-started");
    const bare = '{"type":"ping","id":"b"}';
    assert.equal((await httpRequest(r.url, { headers: { "circleci-signature": `v1=${hmac("hunter123", bare)}` }, body: bare })).status, 200);
    assert.equal(last().event, "ping");
  });
});

describe("sendEvents --provider circleci → a receiver written from CircleCI's docs", () => {
  let docs: DocsReceiver;
  before(async () => {
    docs = await startCircleciDocsReceiver("docs-secret");
  });
  after(() => docs.close());

  for (const event of ["workflow-completed", "job-completed", "ping"]) {
    for (const variant of ["github", "gitlab"]) {
      it(`${event} (${variant}) is accepted, with CircleCI's headers`, async () => {
        const { results } = await sendEvents({ provider: circleci, url: docs.url, secret: "docs-secret", event, variant, keepRequests: true });
        assert.equal(results[0]!.status, 200);
        const v = docs.verdicts[docs.verdicts.length - 1]!;
        assert.deepEqual([v.accepted, v.eventType], [true, event]);
        assert.equal(v.id, JSON.parse(results[0]!.request!.body.toString()).id);
        assert.equal(results[0]!.request!.headers["user-agent"], "CircleCI-Webhook/1.0");
      });
    }
  }

  it("a bad signature and another secret are rejected by the docs receiver", async () => {
    const bad = await sendEvents({ provider: circleci, url: docs.url, signature: "bad", event: "ping" });
    assert.equal(bad.results[0]!.status, 401);
    const other = await sendEvents({ provider: circleci, url: docs.url, secret: "not-it", event: "ping" });
    assert.equal(other.results[0]!.status, 401);
  });

  it("--set overrides a status, and the signature still covers the exact bytes sent", async () => {
    const { results } = await sendEvents({
      provider: circleci,
      url: docs.url,
      secret: "docs-secret",
      event: "workflow-completed",
      overrides: [{ path: "workflow.status", value: "failed" }],
      keepRequests: true,
    });
    assert.equal(results[0]!.status, 200);
    assert.equal(JSON.parse(results[0]!.request!.body.toString()).workflow.status, "failed");
  });

  it("--retries is refused: CircleCI does not publish its schedule", async () => {
    await assert.rejects(sendEvents({ provider: circleci, url: docs.url, secret: "docs-secret", event: "ping", retries: {} }), /does not publish its retry schedule/);
  });
});
