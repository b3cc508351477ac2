// The CircleCI provider: known-answer vectors, versioned signature header, diagnoses, classify and catalog.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { circleciProvider, circleciHeaders } from "../../../src/providers/circleci/index.js";
import { parseSignatureHeader, signCircleci, verifyCircleci } from "../../../src/providers/circleci/signature.js";
import { buildCircleciEvent } from "../../../src/providers/circleci/catalog.js";
import { isZoomhookError } from "../../../src/shared/errors.js";

// CircleCI's documented vectors (see docs/providers.md).
const VECTORS: Array<[body: string, key: string, v1: string]> = [
  ["hello world", "secret", "734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"],
  ["lalala", "another-secret", "daa220016c8f29a8b214fbfc3671aeec2145cfb1e6790184ffb38b6d0425fa00"],
  ["an-important-request-payload", "hunter123", "9be2242094a9a8c00c64306f382a7f9d691de910b4a266f67bd314ef18ac49fa"],
];

const verify = (signature: string | undefined, body: string | Buffer, secrets: string[] = ["secret"]) =>
  circleciProvider.verify({ secrets, body, headers: { "circleci-signature": signature } });

describe("CircleCI signature", () => {
  for (const [body, key, v1] of VECTORS) {
    it(`signs "${body}" with "${key}" as CircleCI's docs say`, () => {
      assert.equal(signCircleci(key, body), `v1=${v1}`);
      assert.equal(signCircleci(key, Buffer.from(body)), `v1=${v1}`);
      assert.deepEqual(verify(`v1=${v1}`, body, [key]), { verification: "valid" });
    });
  }

  it("parses a versioned list, with spaces and unknown versions", () => {
    assert.deepEqual(parseSignatureHeader("v1=abc, v2=def,junk"), [["v1", "abc"], ["v2", "def"], ["junk", ""]]);
  });

  it("checks v1 when a newer, unknown version stands beside it", () => {
    const [body, key, v1] = VECTORS[0]!;
    assert.equal(verify(`v2=${"0".repeat(64)},v1=${v1}`, body, [key]).verification, "valid");
  });

  it("calls a header with only unknown versions invalid, naming them", () => {
    const r = verify(`v2=${"0".repeat(64)},v9=x`, "hello world");
    assert.equal(r.verification, "invalid");
    assert.equal(r.diagnosis?.code, "unknown_signature_version");
    assert.match(r.diagnosis!.message, /v2, v9/);
  });

  it("calls a missing header unsigned and says why CircleCI may send none", () => {
    const r = verify(undefined, "hello world");
    assert.equal(r.verification, "unsigned");
    assert.match(r.diagnosis!.message, /no secret token/);
  });

  it("calls upper-case or short hex malformed", () => {
    const [body, key, v1] = VECTORS[0]!;
    assert.equal(verify(`v1=${v1.toUpperCase()}`, body, [key]).diagnosis?.code, "malformed_signature");
    assert.equal(verify("v1=abc", body, [key]).diagnosis?.code, "malformed_signature");
  });

  it("is unverified without a secret, and never stale (no timestamp is signed)", () => {
    assert.equal(verify("v1=x", "{}", []).verification, "unverified");
    assert.equal(circleciProvider.rules.replayWindow, false);
  });

  it("explains a different secret, whitespace in the secret, a re-serialised body and a trailing newline", () => {
    const body = '{ "type": "ping", "id": "1" }';
    assert.equal(verify(signCircleci("other", body), body, ["mine"]).diagnosis?.code, "signature_mismatch");
    assert.equal(verify(signCircleci("mine", body), body, ["mine\n"]).diagnosis?.code, "secret_whitespace");
    assert.equal(verify(signCircleci("mine", JSON.stringify(JSON.parse(body))), body, ["mine"]).diagnosis?.code, "body_reserialised");
    assert.equal(verify(signCircleci("mine", body), `${body}\n`, ["mine"]).diagnosis?.code, "body_trailing_newline");
  });

  it("accepts the previous secret during a rotation and says which matched", () => {
    const body = "hello world";
    assert.deepEqual(verify(signCircleci("old", body), body, ["new", "old"]), { verification: "valid", secretIndex: 1 });
    assert.deepEqual(verify(signCircleci("new", body), body, ["new", "old"]), { verification: "valid", secretIndex: 0 });
    assert.equal(verifyCircleci({ secrets: ["new", "old"], signature: signCircleci("other", body), body }).verification, "invalid");
  });
});

describe("CircleCI delivery headers", () => {
  it("are CircleCI's, signed over exactly these bytes", () => {
    const body = Buffer.from('{"type":"ping"}');
    const h = circleciHeaders({ body, secret: "s", timestamp: 0, event: "ping" });
    assert.equal(h["content-type"], "application/json");
    assert.equal(h["user-agent"], "CircleCI-Webhook/1.0");
    assert.equal(h["circleci-event-type"], "ping");
    assert.equal(h["circleci-signature"], `v1=${createHmac("sha256", "s").update(body).digest("hex")}`);
  });

  it("send no signature without a secret or with --no-signature, a wrong one with --bad-signature", () => {
    const body = "{}";
    assert.equal(circleciHeaders({ body, timestamp: 0 })["circleci-signature"], undefined);
    assert.equal(circleciHeaders({ body, secret: "s", timestamp: 0, signature: "none" })["circleci-signature"], undefined);
    const bad = circleciHeaders({ body, secret: "s", timestamp: 0, signature: "bad" })["circleci-signature"]!;
    assert.match(bad, /^v1=[0-9a-f]{64}$/);
    assert.notEqual(bad, signCircleci("s", body));
  });
});

describe("CircleCI classify", () => {
  const classify = (body: string, type?: string) => circleciProvider.classify(Buffer.from(body), { "circleci-event-type": type });

  it("reads the event from the header and the dedupe key from the body's id", () => {
    const c = classify('{"type":"job-completed","id":"abc"}', "job-completed");
    assert.equal(c.kind, "event");
    assert.equal(c.event, "job-completed");
    assert.equal(c.dedupeKey, "abc");
    assert.equal(c.problem, undefined);
  });

  it("keeps a delivery without the header or with an unknown type, noting why", () => {
    assert.match(classify('{"type":"ping"}').problem!, /no circleci-event-type header/);
    assert.equal(classify('{"type":"ping"}').event, "ping");
    const unknown = classify('{"type":"pipeline-started"}', "pipeline-started");
    assert.equal(unknown.kind, "event");
    assert.match(unknown.problem!, /not an event type CircleCI documents/);
    assert.match(classify('{"type":"ping"}', "job-completed").problem!, /body's type is "ping"/);
  });

  it("calls non-JSON, non-objects and bodies with no type at all malformed", () => {
    assert.equal(classify("nope", "ping").kind, "malformed");
    assert.equal(classify("[1]", "ping").kind, "malformed");
    assert.equal(classify('{"id":"x"}').kind, "malformed");
    assert.equal(classify("").kind, "malformed");
  });
});

describe("CircleCI catalog", () => {
  it("keeps one pipeline's ids across its events for the same seed, and a distinct event id each", () => {
    const job = buildCircleciEvent("job-completed", { seed: 7 }) as any;
    const wf = buildCircleciEvent("workflow-completed", { seed: 7 }) as any;
    assert.equal(job.pipeline.id, wf.pipeline.id);
    assert.equal(job.workflow.id, wf.workflow.id);
    assert.equal(job.project.slug, wf.project.slug);
    assert.notEqual(job.id, wf.id);
    assert.deepEqual(buildCircleciEvent("job-completed", { seed: 7, nowMs: 1 }), buildCircleciEvent("job-completed", { seed: 7, nowMs: 1 }));
    assert.notEqual((buildCircleciEvent("job-completed", { seed: 8 }) as any).pipeline.id, job.pipeline.id);
  });

  it("has CircleCI's fields: status on workflows, none on a job's workflow", () => {
    const wf = buildCircleciEvent("workflow-completed", {}) as any;
    for (const k of ["id", "type", "happened_at", "webhook", "project", "organization", "workflow", "pipeline"]) assert.ok(k in wf, k);
    assert.equal(wf.type, "workflow-completed");
    assert.equal(wf.workflow.status, "success");
    assert.ok(wf.workflow.url.includes(wf.workflow.id));
    const job = buildCircleciEvent("job-completed", {}) as any;
    assert.equal(job.workflow.status, undefined);
    for (const k of ["id", "number", "name", "status", "started_at", "stopped_at"]) assert.ok(k in job.job, k);
    assert.ok(job.pipeline.vcs.commit.subject);
  });

  it("builds GitLab payloads with trigger_parameters instead of vcs", () => {
    const wf = buildCircleciEvent("workflow-completed", { variant: "gitlab", seed: 1 }) as any;
    assert.equal(wf.pipeline.vcs, undefined);
    assert.equal(wf.pipeline.trigger_parameters.git.branch, "main");
    assert.match(wf.project.slug, /^circleci\//);
  });

  it("builds the test ping as CircleCI sends it", () => {
    assert.deepEqual(Object.keys(buildCircleciEvent("ping", {})), ["type", "id", "happened_at", "webhook"]);
  });

  it("refuses unknown names with a suggestion, and unknown variants", () => {
    assert.throws(() => buildCircleciEvent("workflow-complete", {}), (err: unknown) => isZoomhookError(err) && err.exitCode === 2 && /workflow-completed/.test(err.hint ?? ""));
    assert.throws(() => buildCircleciEvent("ping", { variant: "svn" }), (err: unknown) => isZoomhookError(err) && err.exitCode === 2);
  });
});
