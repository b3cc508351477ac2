// The library API as a test would use it: startHarness in front of an app, send, wait for captures and forwards, run scenarios.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runScenarioFiles, startHarness, type Harness } from "../../../src/index.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { signedOverBytes, startTarget, type RecordingTarget } from "../send/recording-target.js";
import { scenarioFile } from "../../unit/scenario/helpers.js";

const SECRET = "library_secret";
const root = mkdtempSync(join(tmpdir(), "zoomhook-library-"));
const env = { ...process.env, ZOOMHOOK_STATE_DIR: join(root, "state"), ZOOM_WEBHOOK_SECRET_TOKEN: undefined };
const open: RecordingTarget[] = [];
after(async () => {
  await Promise.all(open.map((t) => t.close()));
  rmSync(root, { recursive: true, force: true });
});
async function app(): Promise<RecordingTarget> {
  const t = await startTarget((_n, rec) => (signedOverBytes(rec, SECRET) ? { status: 200, body: '{"ok":true}' } : { status: 401, body: '{"ok":false}' }));
  open.push(t);
  return t;
}

describe("startHarness", () => {
  it("sends through the listener to the app, and waits for the capture and the forward result (await using closes it)", async () => {
    const target = await app();
    let url: string;
    {
      await using hook = await startHarness({ secret: SECRET, forwardTo: target.url, env });
      url = hook.url;
      const forwarded = hook.waitForForward((f) => f.status === 200);
      const delivery = await hook.send("meeting.started", { set: { "payload.object.topic": "Library" } });
      assert.equal(delivery.status, 200);
      assert.deepEqual(delivery.json(), { ok: true });
      const capture = await forwarded;
      assert.equal(capture.event, "meeting.started");
      assert.equal(capture.verification, "valid");
      assert.equal(JSON.parse(capture.body.toString()).payload.object.topic, "Library");
      assert.deepEqual(target.seen[0]!.body, delivery.request.body, "the app got the exact bytes sent");
      const bad = await hook.send("meeting.ended", { signature: "bad" });
      assert.equal(bad.status, 401);
      const seenBad = await hook.waitForCapture((c) => c.verification === "invalid");
      assert.equal(seenBad.event, "meeting.ended");
      assert.equal(hook.captures.length, 2);
    }
    const after = await fetch(url, { method: "POST", body: "{}" }).then(
      () => "answered",
      () => "closed",
    );
    assert.equal(after, "closed", "leaving the block closed the listener");
  });

  it("waitFor rejects after its timeout, and on close()", async () => {
    const hook: Harness = await startHarness({ secret: SECRET, env });
    await assert.rejects(hook.waitForCapture(() => false, { timeoutMs: 50 }), /no matching capture within 50 ms \(0 seen\)/);
    const pending = hook.waitForForward(undefined, { timeoutMs: 10_000 });
    await hook.close();
    await assert.rejects(pending, /closed/);
    await hook.close(); // twice is fine
  });

  it("runs a scenario file against its listener and returns the result object; replays a stored capture", async () => {
    const target = await app();
    const store = join(root, "store");
    await using hook = await startHarness({ secret: SECRET, forwardTo: target.url, store, env });
    await hook.send("meeting.created");
    const created = await hook.waitForCapture();
    const file = scenarioFile(`name: from code
steps:
  - name: started
    send: meeting.started
    expect: { status: 200, body: { ok: true } }
  - replay: { capture: ${created.id}, store: ${JSON.stringify(store)} }
`);
    const result = await hook.run(file);
    assert.equal(result.status, "passed", JSON.stringify(result.scenarios[0]!.steps.map((s) => s.failures)));
    assert.equal(result.scenarios[0]!.target, hook.url);
    await hook.waitForCapture((c) => c.event === "meeting.created" && c.id !== created.id);
    assert.deepEqual(target.seen[2]!.body, target.seen[0]!.body, "the replay sent the stored capture's bytes");
  });

  it("needs a secret", async () => {
    await assert.rejects(startHarness({ env }), (e: unknown) => isZoomhookError(e) && e.exitCode === 3 && /ZOOM_WEBHOOK_SECRET_TOKEN/.test(e.message));
  });
});

describe("runScenarioFiles", () => {
  it("runs files against a URL without a listener", async () => {
    const target = await app();
    const result = await runScenarioFiles(scenarioFile(`target: ${target.url}\nsteps:\n  - send: meeting.created\n`), { secret: SECRET, env });
    assert.deepEqual(result.summary, { scenarios: 1, steps: 1, passed: 1, failed: 0, skipped: 0 });
  });
});
