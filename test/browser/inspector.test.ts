// The inspector in headless Chromium: live rows, filters, detail, replay, edit & replay, Clear, and inert payloads.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { artifactPath, launchChromium, until, waitForRows } from "../support/inspector-browser.js";
import { makeCapture, seedCaptures, startHarness, type Harness } from "../support/inspector-harness.js";

const XSS_EVENT = "<img src=x onerror=alert(1)>";
const XSS_BODY = JSON.stringify({ event: "meeting.started", payload: { object: { topic: "<script>alert(2)</script><img src=x onerror=alert(3)>" } } });

describe("inspector in the browser", () => {
  let browser: Browser;
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  before(async () => {
    browser = await launchChromium();
    h = await startHarness({ captures: seedCaptures() });
    context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(h.inspector.url);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('#conn[data-state="live"]');
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await h?.close();
  });

  it("strips the token from the address bar", () => {
    assert.equal(new URL(page.url()).search, "");
  });

  it("shows a request emitted on the bus without a reload", async () => {
    const c = h.receive(makeCapture({ event: "webinar.started" }));
    await page.waitForSelector(`a.row[data-id="${c.id}"]`);
    assert.equal(await page.locator("a.row").first().getAttribute("data-id"), c.id, "newest first");
    assert.equal(await page.textContent("#count"), "6 shown of 6");
    await page.screenshot({ path: artifactPath("inspector-list.png") });
  });

  it("filters by event name and by verdict", async () => {
    await page.fill("#filter-event", "meeting");
    await waitForRows(page, 3);
    assert.equal(await page.textContent("#count"), "3 shown of 6 (filtered)");
    await page.selectOption("#filter-verdict", "invalid");
    await waitForRows(page, 1);
    assert.match((await page.textContent("a.row")) ?? "", /meeting\.ended.*invalid.*401/);
    await page.fill("#filter-event", "");
    await page.selectOption("#filter-verdict", "");
    await waitForRows(page, 6);
  });

  it("moves with j/k and opens a request with Enter", async () => {
    await page.locator("a.row").first().focus();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#detail-title");
    assert.match((await page.textContent("#detail-title")) ?? "", /^recording\.completed/);
    assert.match((await page.textContent(".timings")) ?? "", /3\.41 s/);
    assert.match((await page.textContent(".d-section .warn")) ?? "", /over Zoom's 3-second budget/);
    assert.equal(await page.getAttribute('a.row[aria-current="true"]', "data-id"), h.reader.all()[2].id);
  });

  it("shows the diagnosis, masked headers, and reveals them on request", async () => {
    const invalid = h.reader.all().find((c) => c.event === "meeting.ended")!;
    await page.click(`a.row[data-id="${invalid.id}"]`);
    await page.waitForSelector(".vb-invalid");
    assert.match((await page.textContent(".verdict-box")) ?? "", /Signature invalid.*secret differs.*Secret Token/s);
    assert.match((await page.textContent("table.headers")) ?? "", /Bearer s3cr••••••••/);
    await page.screenshot({ path: artifactPath("inspector-detail-invalid.png"), fullPage: true });
    await page.click("text=Reveal secrets");
    await page.waitForSelector("text=Hide secrets");
    assert.match((await page.textContent("table.headers")) ?? "", /Bearer s3cr3t-verification-token/);
    await page.click("text=Hide secrets");
    await page.waitForSelector("text=Reveal secrets");
  });

  it("replays through the action and shows the linked new capture", async () => {
    const original = h.reader.all().find((c) => c.event === "meeting.started")!;
    await page.click(`a.row[data-id="${original.id}"]`);
    await page.waitForSelector("#detail-title >> text=meeting.started");
    await page.screenshot({ path: artifactPath("inspector-detail.png"), fullPage: true });
    await page.click("#replay-btn");
    await page.waitForSelector("#toast >> text=Replayed → 200");
    assert.equal(h.replays.length, 1);
    assert.equal(h.replays[0].id, original.id);
    const newId = h.replays[0].newId!;
    await page.waitForSelector(`a.row[data-id="${newId}"] .tag`);
    await page.click("#toast a");
    await page.waitForSelector("#replay-of-link");
    assert.equal(await page.textContent("#replay-of-link"), original.id);
    await page.click("#replay-of-link");
    await until("the original to open", async () => new URL(page.url()).hash === `#/c/${original.id}`);
  });

  it("refuses invalid edited JSON in the page, then sends the edited body", async () => {
    await page.click("#edit-btn");
    await page.fill("#edit-body", '{"event": "meeting.started",');
    await page.click("#edit-send");
    await page.waitForSelector("#edit-error >> text=Not valid JSON");
    assert.equal(h.replays.length, 1, "nothing sent");
    const edited = '{"event":"meeting.started","payload":{"object":{"topic":"edited in the inspector"}}}';
    await page.fill("#edit-body", edited);
    await page.click("#edit-send");
    await page.waitForSelector("#toast >> text=Replayed → 200");
    assert.equal(h.replays.length, 2);
    assert.equal(h.replays[1].body, edited);
    await page.waitForSelector(`a.row[data-id="${h.replays[1].newId}"]`);
  });

  it("copies as curl (masked) and downloads the fixture with the exact bytes", async () => {
    const c = h.reader.all().find((x) => x.event === "meeting.ended")!;
    await page.click(`a.row[data-id="${c.id}"]`);
    await page.waitForSelector(".vb-invalid");
    await page.click("#curl-btn");
    const curl = (await page.locator("#curl-text").textContent()) ?? "";
    assert.match(curl, /^curl -X POST 'https:\/\/fluffy-otter-42\.ngrok-free\.app\/webhook'/);
    assert.match(curl, /Bearer s3cr••••••••/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-link")]);
    assert.equal(download.suggestedFilename(), `meeting.ended-${c.id}.json`);
    const { readFile } = await import("node:fs/promises");
    assert.deepEqual(await readFile((await download.path())!), c.body);
  });

  it("renders hostile payloads as inert text", async () => {
    const c = h.receive(makeCapture({ event: XSS_EVENT, body: Buffer.from(XSS_BODY) }));
    await page.waitForSelector(`a.row[data-id="${c.id}"]`);
    await page.click(`a.row[data-id="${c.id}"]`);
    await page.waitForSelector("pre.code");
    await page.click(".seg-btn >> text=Raw");
    assert.equal(await page.textContent("pre.code.raw"), XSS_BODY);
    assert.equal(await page.textContent(`a.row[data-id="${c.id}"] .cell.event`), XSS_EVENT);
    assert.match((await page.textContent("#detail-title")) ?? "", /^<img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator("#rows img, #detail-body img, #detail-body script").count(), 0);
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
  });

  it("reads well in dark mode", async () => {
    const dark = await browser.newContext({ viewport: { width: 1400, height: 860 }, colorScheme: "dark" });
    try {
      const p = await dark.newPage();
      await p.goto(h.inspector.url);
      await p.waitForSelector("body[data-ready=true]");
      const stale = h.reader.all().find((c) => c.verification === "stale")!;
      await p.click(`a.row[data-id="${stale.id}"]`);
      await p.waitForSelector(".vb-stale");
      const bg = await p.evaluate<string>("getComputedStyle(document.body).backgroundColor");
      assert.equal(bg, "rgb(14, 17, 22)");
      await p.screenshot({ path: artifactPath("inspector-dark.png") });
    } finally {
      await dark.close();
    }
  });

  it("clears after a confirmation", async () => {
    await page.click("#clear-btn");
    await page.click("#clear-dialog >> text=Cancel");
    assert.equal(h.clears, 0);
    await page.click("#clear-btn");
    await page.click("#clear-confirm");
    await page.waitForSelector("#empty:not([hidden])");
    assert.equal(h.clears, 1);
    assert.equal(await page.textContent("#count"), "0 shown of 0");
    await page.screenshot({ path: artifactPath("inspector-empty.png") });
  });

  it("answers 403 to a browser without the token", async () => {
    const fresh = await browser.newContext();
    try {
      const p = await fresh.newPage();
      const res = await p.goto(`http://127.0.0.1:${h.inspector.port}/`);
      assert.equal(res?.status(), 403);
      assert.match((await p.textContent("body")) ?? "", /only answers the link printed by `zoomhook listen`/);
    } finally {
      await fresh.close();
    }
  });
});
