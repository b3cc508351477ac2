// The one event-pattern matcher: routing, `log --event`, the inspector and the catalog all mean the same thing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchesPattern } from "../../../src/shared/pattern.js";
import { matchesEvent } from "../../../src/store/capture-index.js";
import { filterEvents } from "../../../src/events/index.js";
import { routeFor } from "../../../src/session/router.js";

const CASES: Array<[pattern: string, event: string, expected: boolean]> = [
  ["meeting.*", "meeting.started", true],
  ["meeting.*", "webinar.started", false],
  ["*.completed", "recording.completed", true],
  ["*.completed", "recording.completed_x", false],
  ["*_started", "meeting.sharing_started", true],
  ["meeting.*.x", "meeting.a.x", true],
  ["meeting.started", "meeting.started", true],
  ["meeting.started", "meeting.startedx", false],
  ["meeting.(x)", "meeting.(x)", true],
  ["*", "anything", true],
];

describe("matchesPattern", () => {
  for (const [pattern, event, expected] of CASES) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${event}`, () => {
      assert.equal(matchesPattern(pattern, event), expected);
      assert.equal(matchesEvent(pattern, event), expected, "the store's query (log --event) agrees");
      assert.equal(routeFor({ routes: [{ event: pattern, url: "http://r" }], forwardCrc: false, timeoutMs: 1 }, event) === "http://r", expected, "routing agrees");
    });
  }

  it("log --event '*.completed' finds completed events (it used to match nothing)", () => {
    assert.ok(matchesEvent("*.completed", "recording.completed"));
    assert.equal(matchesEvent("*.completed", undefined), false);
  });

  it("the catalog filter uses it too", () => {
    const names = filterEvents("*.completed").map((e) => e.name);
    assert.ok(names.includes("recording.completed"));
    assert.ok(names.every((n) => n.endsWith(".completed")));
  });
});
