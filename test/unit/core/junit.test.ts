// The one JUnit writer: escaping, counts computed from the cases, optional attributes left out, read back by a strict XML reader.
import assert from "node:assert/strict";
import { test } from "node:test";
import { junitXml, xmlEscape } from "../../../src/shared/junit.js";
import { findAll, parseXml } from "../../support/xml.js";

test("xmlEscape escapes markup and replaces characters XML cannot carry", () => {
  assert.equal(xmlEscape(`<a b="c">&'\u0001\u001f\uffff`), "&lt;a b=&quot;c&quot;&gt;&amp;&apos;\ufffd\ufffd\ufffd");
  assert.equal(xmlEscape("tab\tnewline\nreturn\r"), "tab\tnewline\nreturn\r", "the whitespace XML allows stays");
});

test("totals are summed from the cases of every suite; a failing case counts as failed, not skipped", () => {
  const xml = junitXml(
    "suite <&>",
    [
      {
        name: "one",
        timeMs: 1500,
        file: "a.yaml",
        properties: { provider: "zoom", "odd\"name": "x<y" },
        cases: [
          { name: "passes", classname: "one", timeMs: 2 },
          { name: "fails", classname: "one", timeMs: 3, line: 7, failure: { message: 'bad "thing"', type: "status", details: "line 1\nline 2 & more" } },
          { name: "skips", classname: "one", skipped: "not selected" },
        ],
        systemErr: "app said \u0007 hi",
      },
      { name: "two", cases: [{ name: "also fails", classname: "two", failure: { message: "m", type: "t" }, skipped: "ignored" }] },
    ],
    2500,
  );
  const root = parseXml(xml);
  assert.equal(root.name, "testsuites");
  assert.deepEqual(root.attrs, { name: "suite <&>", tests: "4", failures: "2", errors: "0", skipped: "1", time: "2.500" });
  const [one, two] = findAll(root, "testsuite");
  assert.deepEqual(one!.attrs, { name: "one", tests: "3", failures: "1", errors: "0", skipped: "1", time: "1.500", file: "a.yaml" });
  assert.deepEqual(two!.attrs, { name: "two", tests: "1", failures: "1", errors: "0", skipped: "0" }, "no time, file or timestamp when none is known");
  assert.deepEqual(findAll(one!, "property").map((p) => [p.attrs.name, p.attrs.value]), [["provider", "zoom"], ['odd"name', "x<y"]]);
  const cases = findAll(one!, "testcase");
  assert.deepEqual(cases.map((c) => c.attrs.line ?? null), [null, "7", null]);
  const [failure] = findAll(cases[1]!, "failure");
  assert.deepEqual(failure!.attrs, { message: 'bad "thing"', type: "status" });
  assert.equal(failure!.text, "line 1\nline 2 & more");
  assert.equal(findAll(cases[2]!, "skipped")[0]!.attrs.message, "not selected");
  assert.equal(findAll(two!, "skipped").length, 0, "a failure wins over a skip");
  assert.equal(findAll(one!, "system-err")[0]!.text, "app said \ufffd hi");
});
