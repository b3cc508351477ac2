// Testing a webhook app with Vitest and zoomhook's library API: `npx vitest run examples/tests/vitest/`.
import { afterAll, beforeAll, expect, test } from "vitest";
import { fileURLToPath } from "node:url";
import { startHarness } from "zoomhook";
import { startApp } from "../start-app.mjs";

const SECRET = "example-secret";
const LIFECYCLE = fileURLToPath(new URL("../../scenarios/meeting-lifecycle.yaml", import.meta.url));
let app;
let hook;

beforeAll(async () => {
  app = await startApp({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  hook = await startHarness({ secret: SECRET, forwardTo: `${app.url}/webhook` });
});
afterAll(async () => {
  await hook?.close();
  await app?.stop();
});

test("the app accepts a signed meeting.started and records the meeting", async () => {
  const delivery = await hook.send("meeting.started", { set: { "payload.object.id": 81234567891, "payload.object.topic": "Retro" } });
  expect(delivery.status).toBe(200);
  expect(delivery.json()).toEqual({ ok: true });
  const capture = await hook.waitForForward((f, c) => c.event === "meeting.started" && f.status === 200);
  expect(capture.verification).toBe("valid");
  const stored = await (await fetch(`${app.url}/meetings/81234567891`)).json();
  expect(stored.topic).toBe("Retro");
});

test("the app refuses a forged signature", async () => {
  expect((await hook.send("meeting.ended", { signature: "bad" })).status).toBe(401);
});

test("the meeting-lifecycle scenario passes", async () => {
  const result = await hook.run(LIFECYCLE, { env: { ...process.env, APP_PORT: app.port } });
  const failed = result.scenarios.flatMap((s) => s.steps).filter((s) => s.status === "failed");
  expect(failed.map((s) => `${s.name}: ${s.failures[0].message}`)).toEqual([]);
});
