// Scenario file arguments: plain paths pass through; quoted *, ? and ** patterns expand to sorted scenario files.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { expandScenarioArgs } from "../../../src/scenario/glob.js";
import { isZoomhookError } from "../../../src/shared/errors.js";

const root = mkdtempSync(join(tmpdir(), "zoomhook-glob-"));
after(() => rmSync(root, { recursive: true, force: true }));
for (const f of ["a/one.yaml", "a/two.yml", "a/notes.txt", "a/deep/three.json", "a/.hidden/four.yaml", "b/five.yaml"]) {
  mkdirSync(join(root, f, ".."), { recursive: true });
  writeFileSync(join(root, f), "steps: []\n");
}

describe("expandScenarioArgs", () => {
  it("expands *, ? and ** to sorted scenario files, skipping dot folders and other extensions", () => {
    assert.deepEqual(expandScenarioArgs([`${root}/a/*.y*ml`]), [`${root}/a/one.yaml`, `${root}/a/two.yml`]);
    assert.deepEqual(expandScenarioArgs([`${root}/a/**/*.*`]), [`${root}/a/deep/three.json`, `${root}/a/one.yaml`, `${root}/a/two.yml`]);
    assert.deepEqual(expandScenarioArgs([`${root}/?/five.yaml`]), [`${root}/b/five.yaml`]);
  });

  it("passes plain paths through (a missing file is reported when it is read) and drops repeats", () => {
    assert.deepEqual(expandScenarioArgs(["x.yaml", "x.yaml", `${root}/b/*.yaml`]), ["x.yaml", `${root}/b/five.yaml`]);
  });

  it("a pattern that matches nothing is a usage error", () => {
    assert.throws(() => expandScenarioArgs([`${root}/c/*.yaml`]), (e: unknown) => isZoomhookError(e) && e.exitCode === 2 && /No scenario files match/.test(e.message));
  });
});
