// listEvents / findEvent / filterEvents / suggestEvents / loadFixture behaviour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { filterEvents, findEvent, listEvents, loadFixture, suggestEvents, fixturesDirectory } from "../../../src/events/index.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { ExitCode } from "../../../src/shared/exit-codes.js";
import { join } from "node:path";
import { repoRoot } from "./helpers.js";

test("listEvents: 290 entries grouped by product then name, as copies", () => {
  const all = listEvents();
  assert.equal(all.length, 290);
  const keys = all.map((e) => [e.product, e.name].join(" "));
  assert.deepEqual(keys, [...keys].sort());
  assert.deepEqual(Object.keys(all[0]!).sort(), ["description", "name", "product"]);
  all[0]!.name = "mutated";
  assert.notEqual(listEvents()[0]!.name, "mutated");
});

test("findEvent: exact names, forgiving case and spaces; undefined otherwise", () => {
  assert.deepEqual(findEvent("meeting.participant_joined"), {
    name: "meeting.participant_joined",
    product: "meetings",
    description: "A participant joined a meeting",
  });
  assert.equal(findEvent(" Meeting.Started ")?.name, "meeting.started");
  assert.equal(findEvent("meeting.start"), undefined);
});

test("filterEvents: globs, product names and substrings", () => {
  const meetings = filterEvents("meeting.*");
  assert.ok(meetings.length > 50);
  assert.ok(meetings.every((e) => e.name.startsWith("meeting.")));
  assert.ok(filterEvents("*.started").some((e) => e.name === "webinar.started"));
  assert.ok(filterEvents("*.started").every((e) => e.name.endsWith(".started")));
  assert.equal(filterEvents("phone").length, 59);
  assert.deepEqual(filterEvents("url_valid").map((e) => e.name), ["endpoint.url_validation"]);
  assert.equal(filterEvents("").length, 290);
  assert.deepEqual(filterEvents("no-such-thing"), []);
  assert.deepEqual(filterEvents("meeting.(started)"), [], "regex characters are literal");
});

test("suggestEvents: typos, prefixes and a max", () => {
  assert.equal(suggestEvents("meeting.strated")[0], "meeting.started");
  assert.equal(suggestEvents("meeting.stared")[0], "meeting.started");
  assert.ok(suggestEvents("meeting.start").includes("meeting.started"));
  assert.equal(suggestEvents("recording.complete")[0], "recording.completed");
  assert.equal(suggestEvents("meeting.", 2).length, 2);
  assert.deepEqual(suggestEvents("zzzzzzzzzzzzzzzzzzzz"), []);
  assert.deepEqual(suggestEvents(""), []);
});

test("loadFixture: a deep copy of the stored sample", () => {
  const a = loadFixture("meeting.started");
  assert.equal(a.event, "meeting.started");
  (a.payload as { object: { topic: string } }).object.topic = "changed";
  const b = loadFixture("meeting.started");
  assert.equal((b.payload as { object: { topic: string } }).object.topic, "Weekly product sync");
});

test("loadFixture: unknown names throw unknown_event with suggestions in the hint", () => {
  assert.throws(
    () => loadFixture("meeting.strated"),
    (err: unknown) => {
      assert.ok(isZoomhookError(err));
      assert.equal(err.code, "unknown_event");
      assert.equal(err.exitCode, ExitCode.usage);
      assert.match(err.message, /meeting\.strated/);
      assert.match(err.hint ?? "", /Did you mean "meeting\.started"/);
      assert.deepEqual((err.details?.suggestions as string[])[0], "meeting.started");
      return true;
    },
  );
  assert.throws(() => loadFixture("../package"), { code: "unknown_event" });
});

test("fixtures are located from the package root, not the working directory", () => {
  assert.equal(fixturesDirectory(), join(repoRoot(), "fixtures", "events"));
});
