// `log`'s table and the listen line: a header row, columns that never run together, one word for a malformed request.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logHeader, logRow, logWidths, verdictWord } from "../../../src/cli/render/log.js";
import { requestText } from "../../../src/cli/render/listen.js";
import type { CaptureSummary } from "../../../src/shared/capture.js";

const base: CaptureSummary = {
  id: "01m8th956d0000jng7",
  receivedAt: "2026-11-23T12:05:02.114Z",
  method: "POST",
  path: "/webhook",
  kind: "event",
  event: "meeting.started",
  verification: "valid",
  status: 200,
  durationMs: 1.2,
  bodySize: 10,
};
const malformed: CaptureSummary = { ...base, kind: "malformed", event: undefined, verification: "unsigned", status: 400 };
const crc: CaptureSummary = { ...base, kind: "crc", event: "endpoint.url_validation" };
const longEvent: CaptureSummary = { ...base, event: "meeting.participant_jbh_waiting_room_left_x" };
const W = logWidths([base, malformed, crc, longEvent]);

describe("log table", () => {
  it("has a header row naming the columns, aligned with the rows", () => {
    const header = logHeader(W);
    assert.match(header, /^ID\s+RECEIVED \(UTC\)\s+EVENT\s+VERDICT\s+STATUS\s+APP\n$/);
    const row = logRow(base, W);
    assert.equal(row.indexOf("meeting.started"), header.indexOf("EVENT"));
    assert.equal(row.indexOf("valid"), header.indexOf("VERDICT"));
  });

  it("a malformed request: the path and the verdict word 'malformed' in their own columns", () => {
    const row = logRow(malformed, W);
    assert.doesNotMatch(row, /MALFORMED/);
    assert.match(row, / {2}\/webhook {2,}malformed {2,}400\n$/);
  });

  it("CRC marked in the kind column; an event name longer than its column still keeps two spaces", () => {
    assert.match(logRow(crc, W), / {2}CRC {2}endpoint\.url_validation {2,}valid/);
    assert.match(logRow(longEvent, W), /meeting\.participant_jbh_waiting_room_left_x {2}valid/);
  });

  it("a non-Zoom provider's name stands in the kind column; with nothing to show there, the column is left out", () => {
    const circle: CaptureSummary = { ...base, provider: "circleci", event: "workflow-completed" };
    const w = logWidths([circle, base]);
    assert.match(logRow(circle, w), / {2}circleci {2}workflow-completed {2,}valid/);
    assert.match(logRow(base, logWidths([base])), /:02 {2}meeting\.started/);
  });

  it("the same word as the inspector's list", () => {
    assert.equal(verdictWord(malformed), "malformed");
    assert.equal(verdictWord(base), "valid");
  });
});

describe("listen's request line", () => {
  it("calls a malformed request 'malformed', as log and the inspector do", () => {
    const line = requestText({ type: "request", capture: malformed }, false);
    assert.doesNotMatch(line, /\bBAD\b/);
    assert.match(line, /\/webhook\s+malformed\s+400/);
  });
});
