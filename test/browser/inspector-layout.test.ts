// The inspector's list at common window widths: the event name gets the room it needs, headers never overlap.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { artifactPath, checkListLayout, launchChromium } from "../support/inspector-browser.js";
import { seedCaptures, startHarness, type Harness } from "../support/inspector-harness.js";

describe("inspector layout", () => {
  let browser: Browser;
  let h: Harness;
  before(async () => {
    browser = await launchChromium();
    h = await startHarness({ captures: seedCaptures() });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  for (const width of [1000, 1280, 1600]) {
    it(`at ${width} px: meeting.participant_joined shows in full, and the column headers stand apart`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(h.inspector.url);
        await page.waitForSelector("body[data-ready=true]");
        await page.waitForSelector("a.row");
        await page.screenshot({ path: artifactPath(`inspector-${width}.png`) });

        const shown = await checkListLayout(page, "meeting.participant_joined");
        assert.equal(shown.includes("Listener"), false, "one listener: no Listener column");
      } finally {
        await context.close();
      }
    });
  }
});
