// After a usage error the hint points at the real command's --help, never at the typo.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestCommand, usageHint } from "../../../src/cli/usage-hint.js";

const NAMES = ["listen", "send", "crc", "verify", "events", "url", "log", "show", "export", "replay", "help"];

describe("usage hint", () => {
  it("a typo of a command suggests the command, not the typo", () => {
    assert.equal(usageHint(["lisen"], NAMES), "Run `zoomhook listen --help` to see its options.");
    assert.equal(usageHint(["lsiten", "--port", "1"], NAMES), "Run `zoomhook listen --help` to see its options.");
    assert.equal(usageHint(["rpelay", "last"], NAMES), "Run `zoomhook replay --help` to see its options.");
  });

  it("a real command with a bad option points at its own help", () => {
    assert.equal(usageHint(["send", "--nope"], NAMES), "Run `zoomhook send --help` to see the options.");
  });

  it("nothing close: the command list", () => {
    assert.equal(usageHint(["frobnicate"], NAMES), "Run `zoomhook --help` to see the commands.");
    assert.equal(usageHint(["--nope"], NAMES), "Run `zoomhook --help` to see the commands.");
    assert.equal(closestCommand("xyz", NAMES), undefined);
  });
});
