// The inspector's list at common window widths: the event name gets the room it needs, headers never overlap.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { artifactPath, launchChromium } from "../support/inspector-browser.js";
import { seedCaptures, startHarness, type Harness } from "../support/inspector-harness.js";

interface Box {
  text: string;
  left: number;
  right: number;
  clipped: boolean;
  visible: boolean;
}

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

        const cell = page.locator("a.row .cell.event", { hasText: "meeting.participant_joined" });
        const event = await cell.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        assert.ok(event.scroll <= event.client, `the event name is cut: needs ${event.scroll} px, has ${event.client} px`);

        const boxes = await page.locator(".list-head > span").evaluateAll((spans) =>
          spans.map((s) => {
            const r = s.getBoundingClientRect();
            return { text: s.textContent ?? "", left: r.left, right: r.right, clipped: s.scrollWidth > s.clientWidth, visible: r.width > 0 };
          }),
        );
        const shown: Box[] = boxes.filter((b: Box) => b.visible);
        assert.deepEqual(shown.slice(0, 4).map((b) => b.text), ["Time", "Event", "Verdict", "Status"]);
        for (const b of shown) assert.equal(b.clipped, false, `header "${b.text}" is cut`);
        for (let i = 1; i < shown.length; i++) {
          assert.ok(shown[i]!.left >= shown[i - 1]!.right, `headers "${shown[i - 1]!.text}" and "${shown[i]!.text}" overlap`);
        }
        // Every row cell sits under its header.
        const firstRow = await page.locator("a.row").first().locator(":scope > *").evaluateAll((cells) =>
          cells.filter((c) => c.getBoundingClientRect().width > 0).map((c) => Math.round(c.getBoundingClientRect().left)),
        );
        assert.deepEqual(firstRow, shown.map((b) => Math.round(b.left)));
      } finally {
        await context.close();
      }
    });
  }
});
