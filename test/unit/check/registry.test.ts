// Probe selection: stable ids per provider, --only/--skip, and usage errors that list the valid ids.
import assert from "node:assert/strict";
import { test } from "node:test";
import { probeIds, selectProbes } from "../../../src/check/registry.js";
import { circleciProvider } from "../../../src/providers/circleci/index.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";
import { isZoomhookError } from "../../../src/shared/errors.js";

const ZOOM_IDS = ["crc", "valid-event", "forged-signature", "no-signature", "wrong-secret", "stale-timestamp", "raw-bytes", "large-body", "duplicate", "slow-answer", "methods"];
const CIRCLECI_IDS = ["valid-event", "forged-signature", "no-signature", "wrong-secret", "signature-version", "raw-bytes", "duplicate", "slow-answer", "methods"];

test("each provider has its probe ids, in run order", () => {
  assert.deepEqual(probeIds(zoomProvider), ZOOM_IDS);
  assert.deepEqual(probeIds(circleciProvider), CIRCLECI_IDS);
});

test("--only keeps run order whatever order the ids were given in; --skip removes", () => {
  assert.deepEqual(selectProbes(zoomProvider, ["methods", "crc"]).map((p) => p.id), ["crc", "methods"]);
  assert.deepEqual(selectProbes(zoomProvider, [], ["crc", "large-body"]).map((p) => p.id), ZOOM_IDS.filter((id) => id !== "crc" && id !== "large-body"));
  assert.deepEqual(selectProbes(zoomProvider, ["crc", "duplicate"], ["crc"]).map((p) => p.id), ["duplicate"]);
});

function usage(fn: () => unknown): { message: string; hint: string; exitCode: number } {
  try {
    fn();
  } catch (err) {
    assert.ok(isZoomhookError(err));
    return { message: err.message, hint: err.hint ?? "", exitCode: err.exitCode };
  }
  assert.fail("expected a usage error");
}

test("an unknown id is a usage error (exit 2) listing the valid ids", () => {
  const e = usage(() => selectProbes(zoomProvider, ["crc", "raw-byte"]));
  assert.equal(e.exitCode, 2);
  assert.equal(e.message, '--only "raw-byte": is not a probe id.');
  assert.equal(e.hint, `Probe ids for Zoom: ${ZOOM_IDS.join(", ")}.`);
  assert.match(usage(() => selectProbes(zoomProvider, [], ["nope", "zilch"])).message, /^--skip "nope", "zilch": are not probe ids\.$/);
});

test("an id that exists but does not apply to the provider says so", () => {
  const e = usage(() => selectProbes(circleciProvider, ["crc"]));
  assert.equal(e.message, '--only "crc": does not apply to CircleCI.');
  assert.equal(e.hint, `Probe ids for CircleCI: ${CIRCLECI_IDS.join(", ")}.`);
});

test("`check --help` lists exactly the registry's probe ids, per provider", async () => {
  const { CHECK_PROBES_HELP } = await import("../../../src/cli/program.js");
  const listed = (name: string) => {
    const m = new RegExp(`\\n  ${name} +([\\s\\S]*?)(?=\\n  \\S|\\n\\n)`).exec(CHECK_PROBES_HELP);
    assert.ok(m, name);
    return m[1]!.split(/[,\s]+/).filter(Boolean);
  };
  assert.deepEqual(listed("Zoom"), ZOOM_IDS);
  assert.deepEqual(listed("CircleCI"), CIRCLECI_IDS);
});

test("a provider with no check profile is a usage error, not a crash", () => {
  const other = { ...zoomProvider, name: "other" as "zoom", title: "Other" };
  const e = usage(() => selectProbes(other));
  assert.equal(e.exitCode, 2);
  assert.equal(e.message, "`zoomhook check` has no probes for Other yet.");
});
