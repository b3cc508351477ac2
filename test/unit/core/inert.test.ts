// Terminal rendering of received data: escape sequences, carriage returns and bidi overrides come out visible and inert.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inert, inertLines } from "../../../src/cli/render/inert.js";

describe("inert", () => {
  it("escapes ESC, BEL, CR, DEL, C1 and bidi overrides; plain text and unicode pass through", () => {
    assert.equal(inert("meeting.started"), "meeting.started");
    assert.equal(inert("Café ☕ 日本"), "Café ☕ 日本");
    assert.equal(inert("\u001b]0;pwned\u0007\u001b[2J"), "\\x1b]0;pwned\\x07\\x1b[2J");
    assert.equal(inert("a\rb\nc\td\u007f\u009b"), "a\\x0db\\x0ac\\x09d\\x7f\\x9b");
    assert.equal(inert("x\u202ey\u2066z"), "x\\u202ey\\u2066z");
  });

  it("inertLines keeps newlines and tabs, and still escapes CR and ESC", () => {
    assert.equal(inertLines("line 1\n\tline 2\r\n\u001b[31mred"), "line 1\n\tline 2\\x0d\n\\x1b[31mred");
  });
});
