// A CircleCI capture in the inspector: `zoomhook listen --provider circleci` shows the provider, its verdict
// in CircleCI's words (no replay window), the delivery id, and replays it re-signed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";
import { artifactPath, launchChromium } from "../support/inspector-browser.js";

const SECRET = "browser-circleci-secret";

describe("inspector with a CircleCI listener", () => {
  let world: World;
  let h: ListenerHandle;
  let browser: Browser;

  before(async () => {
    world = makeWorld();
    const args = world.listenArgs.filter((a, i, all) => a !== "--inspect-port" && all[i - 1] !== "--inspect-port");
    h = await startListener(["--provider", "circleci", ...args, "--inspect-port", "0"], { cwd: world.cwd, env: { ...world.env, CIRCLECI_WEBHOOK_SECRET: SECRET } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    killAll();
    world.cleanup();
  });

  it("shows the capture with its provider, CircleCI's verdict text and the delivery id, and replays it", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(String(h.ready.inspectorUrl));
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('#conn[data-state="live"]');
    assert.equal(await page.textContent("#provider"), "CircleCI");

    const sent = await runCli(["send", "job-completed", "--provider", "circleci", "--to", h.ready.localUrl], { cwd: world.cwd, env: { ...world.env, CIRCLECI_WEBHOOK_SECRET: SECRET } });
    assert.equal(sent.code, 0, sent.stderr);
    const row = page.locator("a.row", { hasText: "job-completed" });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? "", /job-completed.*valid.*200/);
    await row.first().click();
    await page.waitForSelector(".vb-valid");
    assert.equal(await page.textContent("#detail-provider"), "CircleCI");
    assert.match((await page.textContent(".verdict-box")) ?? "", /CircleCI signs no timestamp, so there is no replay window/);
    assert.match((await page.textContent(".d-meta")) ?? "", /delivery id [0-9a-f-]{36}/);
    assert.equal(await page.locator("table.headers tr.zm th", { hasText: "circleci-signature" }).count(), 1);

    await page.click("#replay-btn");
    await page.waitForSelector("#toast >> text=Replayed → 200");
    await page.click("#toast a");
    await page.waitForSelector("#replay-of-link");
    await page.waitForSelector(".vb-valid");
    await page.screenshot({ path: artifactPath("inspector-circleci.png") });
    await page.close();
  });
});
