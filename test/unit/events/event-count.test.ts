// One count of the catalog everywhere: 289 webhook events plus the URL validation, in the README and in `events`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { countSentence } from "../../../src/cli/commands/events.js";
import { listEvents } from "../../../src/events/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

test("`events` counts the webhook events apart from the URL validation", () => {
  const all = listEvents();
  assert.equal(countSentence(all), `${all.length - 1} webhook events, plus endpoint.url_validation (Zoom's URL validation challenge).`);
  assert.equal(countSentence(all.filter((e) => e.name.startsWith("meeting.started"))), "1 webhook event.");
});

test("the README's numbers are the catalog's", () => {
  const all = listEvents();
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const [, events, entries] = /any of the (\d+) webhook events[\s\S]*?lists (\d+) entries/.exec(readme) ?? [];
  assert.equal(Number(events), all.length - 1);
  assert.equal(Number(entries), all.length);
});
