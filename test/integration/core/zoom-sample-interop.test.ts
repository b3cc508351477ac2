// Interop: what `zoomhook send` and `zoomhook crc --to` produce passes a receiver that verifies the way Zoom's sample apps do.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildEvent } from "../../../src/events/index.js";
import { postRaw } from "../../../src/http/client.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";
import { killAll, makeWorld, runCli, type World } from "../../support/cli.js";
import { startSampleReceiver, type SampleReceiver } from "../../support/zoom-sample-receiver.js";

const SECRET = "sample_app_secret";
const CURATED = [
  "app_deauthorized", "endpoint.url_validation", "meeting.chat_message_sent", "meeting.created", "meeting.deleted", "meeting.ended",
  "meeting.participant_joined", "meeting.participant_joined_waiting_room", "meeting.participant_left", "meeting.registration_created",
  "meeting.sharing_started", "meeting.started", "meeting.updated", "recording.completed", "recording.started", "recording.stopped",
  "recording.transcript_completed", "user.created", "user.deactivated", "user.updated", "webinar.created", "webinar.ended",
  "webinar.participant_joined", "webinar.registration_created", "webinar.started",
];

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

describe("interop with a Zoom-sample-style receiver", () => {
  let sample: SampleReceiver;
  let world: World;
  let catalog: string[];
  before(async () => {
    sample = await startSampleReceiver(SECRET);
    world = makeWorld("zoomhook-interop-");
    const listed = await runCli(["events", "--json"], { cwd: world.cwd, env: world.env });
    assert.equal(listed.code, 0, listed.stderr);
    catalog = (JSON.parse(listed.stdout) as Array<{ name: string }>).map((e) => e.name);
  });
  after(async () => {
    killAll();
    await sample.close();
    world.cleanup();
  });

  it("the catalog lists at least the 25 curated events", () => {
    assert.ok(catalog.length >= 25, `only ${catalog.length} events`);
    for (const name of CURATED) assert.ok(catalog.includes(name), name);
  });

  it("every catalog event's default payload, built and signed as `send` does, is accepted", async () => {
    const failures: string[] = [];
    for (const name of catalog) {
      const body = Buffer.from(JSON.stringify(buildEvent(name)));
      const headers = zoomHeaders({ body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
      const answer = await postRaw(sample.url, { body, headers, timeoutMs: 10_000 });
      if (answer.status !== 200) failures.push(`${name}: ${answer.status}`);
    }
    assert.deepEqual(failures, []);
    assert.equal(sample.verdicts.filter((v) => v.accepted).length, catalog.length);
  });

  it("`zoomhook send <event> --to` passes for each curated event (the real CLI)", async () => {
    const failures: string[] = [];
    await pool(CURATED, 3, async (name) => {
      const r = await runCli(["send", name, "--to", sample.url], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
      if (r.code !== 0) failures.push(`${name}: exit ${r.code}\n${r.stdout}${r.stderr}`);
    });
    assert.deepEqual(failures, []);
  });

  it("`zoomhook crc --to` passes there", async () => {
    const r = await runCli(["crc", "--to", sample.url, "--json"], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((JSON.parse(r.stdout) as { pass: boolean }).pass, true);
  });

  it("control: the sample rejects a validly signed body that JSON.stringify would re-encode", async () => {
    const file = join(world.cwd, "escaped.json");
    writeFileSync(file, '{"event":"meeting.started","payload":{"object":{"topic":"Caf\\u00e9"}}}');
    const r = await runCli(["send", "--data", file, "--to", sample.url], { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const v = sample.verdicts[sample.verdicts.length - 1]!;
    assert.deepEqual([v.accepted, v.reserialisedIdentical, v.status], [false, false, 401]);
  });
});
