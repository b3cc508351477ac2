// buildEvent: fresh ids in the fixture's formats and JSON types, seeds, meetingId flow, Zoom's shape quirks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildEvent, loadFixture, meetingUuidFor } from "../../../src/events/index.js";
import { at } from "./helpers.js";

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0, 123);
const BASE64URL_22 = /^[A-Za-z0-9_-]{22}$/;
const MEETING_UUID = /^[A-Za-z0-9+/]{22}==$/;

test("fresh ids on every call, in the same formats and JSON types as the fixture", () => {
  const fixture = loadFixture("meeting.participant_joined");
  const a = buildEvent("meeting.participant_joined");
  const b = buildEvent("meeting.participant_joined");
  for (const path of ["payload.account_id", "payload.object.id", "payload.object.uuid", "payload.object.host_id", "payload.object.participant.id", "payload.object.participant.participant_uuid"]) {
    assert.notEqual(at(a, path), at(b, path), `${path} differs between calls`);
    assert.notEqual(at(a, path), at(fixture, path), `${path} differs from the fixture`);
    assert.equal(typeof at(a, path), typeof at(fixture, path), `${path} keeps its JSON type`);
    assert.equal(String(at(a, path)).length, String(at(fixture, path)).length, `${path} keeps its length`);
  }
  assert.match(String(at(a, "payload.account_id")), BASE64URL_22);
  assert.match(String(at(a, "payload.object.host_id")), BASE64URL_22);
  assert.match(String(at(a, "payload.object.uuid")), MEETING_UUID);
  assert.match(String(at(a, "payload.object.id")), /^[1-9]\d{10}$/);
  assert.match(String(at(a, "payload.object.participant.participant_uuid")), /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  // Names and emails are sample data, not ids: they stay.
  assert.equal(at(a, "payload.object.participant.email"), "omar.haddad@example.com");
  assert.equal(at(a, "event"), "meeting.participant_joined");
});

test("timestamps move to nowMs and keep their offsets and formats", () => {
  const fixture = loadFixture("meeting.ended");
  const body = buildEvent("meeting.ended", { nowMs: NOW });
  assert.equal(body.event_ts, NOW);
  const delta = NOW - (fixture.event_ts as number);
  for (const path of ["payload.object.start_time", "payload.object.end_time"]) {
    const shifted = new Date(Date.parse(String(at(fixture, path))) + delta).toISOString().slice(0, 19) + "Z";
    assert.equal(at(body, path), shifted, path);
  }
  const updated = buildEvent("meeting.updated", { nowMs: NOW });
  const f = loadFixture("meeting.updated");
  assert.equal(at(updated, "payload.time_stamp"), (at(f, "payload.time_stamp") as number) + NOW - (f.event_ts as number));
});

test("the same seed and nowMs give the same body; another seed gives other ids", () => {
  const a = buildEvent("recording.completed", { seed: 7, nowMs: NOW });
  const b = buildEvent("recording.completed", { seed: 7, nowMs: NOW });
  const c = buildEvent("recording.completed", { seed: 8, nowMs: NOW });
  assert.deepEqual(a, b);
  assert.notEqual(at(a, "payload.object.uuid"), at(c, "payload.object.uuid"));
});

test("snapshot: meeting.started under seed 42", () => {
  assert.deepEqual(buildEvent("meeting.started", { seed: 42, nowMs: NOW }), {
    event: "meeting.started",
    event_ts: NOW,
    payload: {
      account_id: SNAP.account_id,
      object: {
        id: SNAP.id,
        uuid: SNAP.uuid,
        host_id: SNAP.host_id,
        topic: "Weekly product sync",
        type: 2,
        start_time: "2025-06-01T11:59:59Z",
        timezone: "America/Los_Angeles",
        duration: 30,
      },
    },
  });
});

test("snapshot: endpoint.url_validation under seed 42, and an explicit plainToken", () => {
  assert.deepEqual(buildEvent("endpoint.url_validation", { seed: 42, nowMs: NOW }), {
    payload: { plainToken: SNAP.plainToken },
    event_ts: NOW,
    event: "endpoint.url_validation",
  });
  const given = buildEvent("endpoint.url_validation", { plainToken: "qgg8vlvZRS6UYooatFL8Aw" });
  assert.deepEqual(given.payload, { plainToken: "qgg8vlvZRS6UYooatFL8Aw" });
  assert.match(String(at(buildEvent("endpoint.url_validation"), "payload.plainToken")), BASE64URL_22);
});

test("meetingId flows into id and uuid, with each event's number-vs-string type", () => {
  const meetingId = 87654321098;
  const uuid = meetingUuidFor(meetingId);
  assert.match(uuid, MEETING_UUID);
  assert.equal(meetingUuidFor("87654321098"), uuid, "string and number ids derive the same uuid");
  const expectations: [string, "number" | "string"][] = [
    ["meeting.created", "number"],
    ["meeting.started", "string"],
    ["meeting.participant_joined", "string"],
    ["meeting.ended", "string"],
    ["recording.completed", "number"],
  ];
  const hosts = new Set<unknown>();
  const accounts = new Set<unknown>();
  for (const [name, type] of expectations) {
    const body = buildEvent(name, { meetingId });
    assert.equal(typeof at(body, "payload.object.id"), type, `${name} id type`);
    assert.equal(String(at(body, "payload.object.id")), String(meetingId), `${name} id`);
    assert.equal(at(body, "payload.object.uuid"), uuid, `${name} uuid`);
    hosts.add(at(body, "payload.object.host_id"));
    accounts.add(at(body, "payload.account_id"));
  }
  assert.equal(hosts.size, 1, "one meeting, one host across the sequence");
  assert.equal(accounts.size, 1, "one meeting, one account across the sequence");
  assert.match(String([...accounts][0]), /^[A-Za-z0-9_-]{22}$/);
  const rec = buildEvent("recording.completed", { meetingId: String(meetingId) });
  for (const file of at(rec, "payload.object.recording_files") as { meeting_id: string }[]) assert.equal(file.meeting_id, uuid);
  const created = buildEvent("meeting.created", { meetingId });
  assert.match(String(at(created, "payload.object.join_url")), /\/j\/87654321098\?pwd=/);
  assert.throws(() => buildEvent("meeting.started", { meetingId: "abc" }), { code: "invalid_meeting_id" });
});

test("ids repeated in a fixture stay equal to each other after refreshing", () => {
  const body = buildEvent("meeting.created");
  assert.equal(at(body, "payload.operator_id"), at(body, "payload.object.host_id"));
  const rec = buildEvent("recording.completed");
  assert.equal(at(rec, "payload.account_id"), at(rec, "payload.object.account_id"));
  assert.equal(at(rec, "payload.object.recording_files.0.meeting_id"), at(rec, "payload.object.uuid"));
});

test("quirks: string vs number object.id, old_object + time_stamp, download_token, app_deauthorized event_ts", () => {
  for (const name of ["meeting.created", "meeting.updated", "meeting.deleted", "recording.completed", "webinar.created", "webinar.registration_created"]) {
    assert.equal(typeof at(buildEvent(name), "payload.object.id"), "number", name);
  }
  for (const name of ["meeting.started", "meeting.ended", "meeting.participant_joined", "meeting.participant_left", "meeting.sharing_started", "webinar.started", "webinar.ended", "webinar.participant_joined"]) {
    assert.equal(typeof at(buildEvent(name), "payload.object.id"), "string", name);
  }
  for (const name of ["meeting.updated", "user.updated"]) {
    const body = buildEvent(name, { nowMs: NOW });
    assert.equal(typeof at(body, "payload.time_stamp"), "number", name);
    assert.ok(Math.abs((at(body, "payload.time_stamp") as number) - NOW) < 60_000, `${name} time_stamp near now`);
    assert.equal(at(body, "payload.old_object.id"), at(body, "payload.object.id"), `${name} old_object is the same object`);
  }
  for (const name of ["recording.completed", "recording.transcript_completed"]) {
    const a = buildEvent(name);
    assert.match(String(a.download_token), /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, name);
    assert.notEqual(a.download_token, loadFixture(name).download_token);
  }
  const deauth = buildEvent("app_deauthorized", { nowMs: NOW });
  assert.equal(deauth.event_ts, undefined, "no top-level event_ts");
  assert.equal(at(deauth, "payload.event_ts"), NOW);
  assert.equal(at(deauth, "payload.object"), undefined);
});

test("every catalogued event builds, keeps its event name and JSON round-trips", () => {
  for (const name of ["phone.callee_missed", "chat_channel.created", "session.started", "bot_installed", "account.updated", "user.tsp_created"]) {
    const body = buildEvent(name, { nowMs: NOW });
    assert.equal(body.event, name);
    assert.deepEqual(JSON.parse(JSON.stringify(body)), body);
  }
});

// Pinned output of the seeded PRNG: a change here means seeded bodies changed for users too.
const SNAP = {
  account_id: "P4wRenHQW428TH1N6pAM8B",
  id: "60201750184",
  uuid: "z1FzCQ2OmD6lNU2924I0SA==",
  host_id: "h0rRsYCYLYdc03MpXCs9hS",
  plainToken: "lCRDLyhBL1fzUcCDjmPpNT",
};
