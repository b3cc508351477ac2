// Keeps catalog.generated.ts, fixtures/events/*.json and Rivet 0.4.0's event list in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CATALOG, RIVET_VERSION } from "../../../src/events/catalog.generated.js";
import { readJson, repoRoot } from "./helpers.js";

const fixtureNames = readdirSync(join(repoRoot(), "fixtures", "events"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();
const catalogNames = CATALOG.map((e) => e.name).sort();
const rivet = readJson<{ "rivet_0.4.0": Record<string, string[]> }>("test", "unit", "events", "zoom-events.rivet-0.4.0.json")["rivet_0.4.0"];

test("the catalog was generated from Rivet 0.4.0", () => {
  assert.equal(RIVET_VERSION, "0.4.0");
});

test("every fixture has a catalog entry and every catalog entry has a fixture", () => {
  assert.deepEqual(fixtureNames, catalogNames);
  assert.equal(catalogNames.length, 290);
  assert.equal(new Set(catalogNames).size, catalogNames.length, "no duplicate names");
});

test("catalog names per product equal Rivet 0.4.0's lists, plus endpoint.url_validation", () => {
  const expected = { meetings: 101, phone: 59, teamchat: 54, videosdk: 35, users: 21, accounts: 10, chatbot: 7, marketplace: 2, endpoint: 1 };
  const counts: Record<string, number> = {};
  for (const e of CATALOG) counts[e.product] = (counts[e.product] ?? 0) + 1;
  assert.deepEqual(counts, expected);
  for (const [product, names] of Object.entries(rivet)) {
    const ours = CATALOG.filter((e) => e.product === product).map((e) => e.name).sort();
    assert.deepEqual(ours, [...names].sort(), `product ${product}`);
  }
  assert.deepEqual(CATALOG.filter((e) => e.product === "endpoint").map((e) => e.name), ["endpoint.url_validation"]);
});

test("every fixture's event field equals its file name", () => {
  for (const name of fixtureNames) {
    const body = readJson<Record<string, unknown>>("fixtures", "events", `${name}.json`);
    assert.equal(body.event, name, `${name}.json`);
  }
});

test("catalog rows are complete: description, Rivet type and module (none for the CRC)", () => {
  for (const e of CATALOG) {
    assert.ok(e.description.length > 5 && !e.description.includes("\n"), `${e.name} description`);
    if (e.name === "endpoint.url_validation") {
      assert.equal(e.rivetType, null);
      assert.equal(e.rivetModule, null);
    } else {
      assert.match(e.rivetType ?? "", /^[A-Z]\w+$/, e.name);
      assert.equal(e.rivetModule, `@zoom/rivet/${e.product}`);
    }
  }
});

test("the catalog is sorted by product, then name", () => {
  const keys = CATALOG.map((e) => `${e.product}\u0000${e.name}`);
  assert.deepEqual(keys, [...keys].sort());
});
