// Testing a webhook app with node:test and zoomhook's library API: `node --test examples/tests/node-test/webhooks.test.mjs`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startHarness } from "zoomhook";
import { startApp } from "../start-app.mjs";

const SECRET = "example-secret";
const LIFECYCLE = fileURLToPath(new URL("../../scenarios/meeting-lifecycle.yaml", import.meta.url));
let app;
let hook;

before(async () => {
  app = await startApp({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  // An in-process zoomhook listener in front of the app: every delivery is verified, captured and forwarded.
  hook = await startHarness({ secret: SECRET, forwardTo: `${app.url}/webhook` });
});
after(async () => {
  await hook?.close();
  await app?.stop();
});

test("the app accepts a signed meeting.started and records the meeting", async () => {
  const delivery = await hook.send("meeting.started", { set: { "payload.object.id": 81234567890, "payload.object.topic": "Retro" } });
  assert.equal(delivery.status, 200);
  assert.deepEqual(delivery.json(), { ok: true });
  const capture = await hook.waitForForward((f, c) => c.event === "meeting.started" && f.status === 200);
  assert.equal(capture.verification, "valid");
  const stored = await (await fetch(`${app.url}/meetings/81234567890`)).json();
  assert.equal(stored.topic, "Retro");
});

test("the app refuses a forged signature", async () => {
  const delivery = await hook.send("meeting.ended", { signature: "bad" });
  assert.equal(delivery.status, 401);
});

test("the meeting-lifecycle scenario passes", async () => {
  const result = await hook.run(LIFECYCLE, { env: { ...process.env, APP_PORT: app.port } });
  const failed = result.scenarios.flatMap((s) => s.steps).filter((s) => s.status === "failed");
  assert.deepEqual(failed.map((s) => `${s.name}: ${s.failures[0].message}`), []);
});
