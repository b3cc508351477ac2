// `show` on a capture holding credential headers: masked by default, in text and --json; --reveal shows them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newCaptureId, openStore } from "../../src/store/index.js";
import { makeWorld, runCli, type World } from "../support/cli.js";

const SECRETS: Array<[string, string]> = [
  ["Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"],
  ["Cookie", "session=abcdef0123456789"],
  ["x-api-key", "key_live_0123456789abcdef"],
  ["x-zoom-webhook-password", "correct-horse-battery"],
  ["zoom-verification-token", "verif_0123456789abcdef"],
  ["clientSecret", "cs_0123456789abcdef"],
];

describe("show masks credential headers", () => {
  let world: World;
  before(async () => {
    world = makeWorld();
    const store = await openStore({ dir: world.store });
    const body = Buffer.from('{"event":"meeting.started","payload":{}}');
    await store.append({
      id: newCaptureId(), receivedAt: new Date().toISOString(), method: "POST", path: "/webhook",
      headers: [["content-type", "application/json"], ["x-zm-signature", "v0=abc123"], ...SECRETS],
      body, bodySize: body.length, truncated: false, kind: "event", event: "meeting.started", verification: "unsigned",
      response: { status: 200, headers: {}, body: "{}" }, durationMs: 1,
    });
    await store.close();
  });
  after(() => world.cleanup());

  for (const json of [false, true]) {
    it(`show last${json ? " --json" : ""}: no credential value appears; the signature header does`, async () => {
      const r = await runCli(["show", "last", "--store", world.store, ...(json ? ["--json"] : [])], { cwd: world.cwd, env: world.env });
      assert.equal(r.code, 0, r.stderr);
      for (const [name, value] of SECRETS) {
        assert.equal(r.stdout.includes(value.slice(6)), false, `${name} shown: ${r.stdout}`);
        assert.ok(r.stdout.includes(name), name);
      }
      assert.ok(r.stdout.includes("v0=abc123"));
    });
  }

  it("show last --reveal shows them in full", async () => {
    const r = await runCli(["show", "last", "--reveal", "--store", world.store], { cwd: world.cwd, env: world.env });
    for (const [, value] of SECRETS) assert.ok(r.stdout.includes(value), value);
  });
});
