// The inspector says when the store skipped unreadable records, above the list; and says nothing when none were.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import type { StoreDamage } from "../../src/shared/capture.js";
import { launchChromium, waitForRows } from "../support/inspector-browser.js";
import { seedCaptures, startHarness, type Harness } from "../support/inspector-harness.js";

describe("inspector: store damage", () => {
  let browser: Browser;
  const harnesses: Harness[] = [];
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const h of harnesses) await h.close();
  });

  async function open(damage: StoreDamage | undefined) {
    const h = await startHarness({ captures: seedCaptures() });
    harnesses.push(h);
    if (damage) Object.assign(h.reader, { damage: async () => damage });
    const page = await browser.newPage();
    await page.goto(h.inspector.url);
    await page.waitForSelector("body[data-ready=true]");
    await waitForRows(page, 5);
    return page;
  }

  it("shows how many records are unreadable and in which files", async () => {
    const page = await open({
      records: 2,
      bytes: 900,
      spots: [
        { segment: "captures-00000003.zhc", offset: 4096, bytes: 400, records: 1 },
        { segment: "captures-00000003.zhc", offset: 9000, bytes: 500, records: 1 },
      ],
    });
    assert.equal(await page.isVisible("#damage"), true);
    assert.equal(await page.textContent("#damage"), "⚠ 2 stored records are unreadable (damaged bytes in captures-00000003.zhc) and not listed; every other capture is intact.");
    await page.close();
  });

  it("stays hidden for an intact store", async () => {
    const page = await open(undefined);
    assert.equal(await page.isVisible("#damage"), false);
    await page.close();
  });
});
