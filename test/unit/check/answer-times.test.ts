// slow-answer's grading: thresholds from the provider's answer budget (a third of it warns, all of it fails), the figure shown.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gradeAnswerTimes } from "../../../src/check/probes/valid-event.js";
import type { Exchange } from "../../../src/check/types.js";
import { circleciProvider } from "../../../src/providers/circleci/index.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";

function answered(label: string, latencyMs: number): Exchange {
  return {
    label,
    request: { method: "POST", url: "http://127.0.0.1:9/webhook", bytes: 300, headers: {}, bodyStart: "{}" },
    response: { status: 200, latencyMs, bodyStart: "ok" },
  };
}

test("Zoom: under a second passes, over a second warns with the figure, 3 s or more fails", () => {
  const fast = gradeAnswerTimes([answered("meeting.started", 12), answered("recording.completed", 40)], zoomProvider);
  assert.equal(fast.verdict, "pass");
  assert.equal(fast.summary, "slowest answer 40 ms (recording.completed; warn above 1000 ms; Zoom gives up at 3000 ms)");
  const slowish = gradeAnswerTimes([answered("meeting.started", 1500)], zoomProvider);
  assert.equal(slowish.verdict, "warn");
  assert.match(slowish.summary, /^slowest answer 1500 ms/);
  assert.match(slowish.fix!, /^Answer first, work later/);
  assert.equal(gradeAnswerTimes([answered("meeting.started", 1000)], zoomProvider).verdict, "pass");
  assert.equal(gradeAnswerTimes([answered("meeting.started", 3000)], zoomProvider).verdict, "fail");
});

test("the thresholds follow the provider: CircleCI's 10 s budget warns only past 3333 ms", () => {
  assert.equal(gradeAnswerTimes([answered("workflow-completed", 2500)], circleciProvider).verdict, "pass");
  assert.equal(gradeAnswerTimes([answered("workflow-completed", 4000)], circleciProvider).verdict, "warn");
  const hurried = { ...zoomProvider, rules: { ...zoomProvider.rules, answerBudgetMs: 300 } };
  assert.equal(gradeAnswerTimes([answered("meeting.started", 150)], hurried).verdict, "warn");
});

test("no answer at all fails and says so", () => {
  const silent: Exchange = { ...answered("meeting.started", 0), response: undefined, error: { kind: "timeout", message: "no answer within 6000 ms", latencyMs: 6000 } };
  const r = gradeAnswerTimes([silent], zoomProvider);
  assert.equal(r.verdict, "fail");
  assert.equal(r.summary, "meeting.started: no answer within 6000 ms");
});
