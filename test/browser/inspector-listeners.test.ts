// In the browser: two listeners write one PostgreSQL store; the inspector says who took each capture and narrows to one listener, live.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { killAll, makeWorld, type World } from "../support/cli.js";
import { artifactPath, checkListLayout, launchChromium, until, waitForRows } from "../support/inspector-browser.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { startTeam, type Team } from "../support/shared-store-team.js";

const SECRET = "browser-listeners-secret";

describe("inspector listener filter", () => {
  let db: TestDatabase;
  let world: World;
  let browser: Browser;
  let team: Team;

  before(async () => {
    db = await createTestDatabase();
    world = makeWorld();
    team = await startTeam(world, db.storeUrl("team"), SECRET);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await team?.stop();
    killAll();
    await db?.drop();
    world?.cleanup();
  });

  const events = async (page: Page) => (await page.locator("a.row .cell.event").allTextContents()).map((t) => t.trim());
  const open = async (width: number) => {
    const page = await browser.newPage({ viewport: { width, height: 860 } });
    await page.goto(String(team.a.ready.inspectorUrl));
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector('#conn[data-state="live"]');
    return page;
  };

  it("narrows the list to the chosen listener, including captures that arrive after the filter is set", async () => {
    const { a, b, send } = team;
    await send("meeting.started", a);
    await send("webinar.ended", b);
    const page = await open(1280);
    await waitForRows(page, 2);

    // Who took each: this listener's own, and the other one by user@host (pid and session in the tooltip).
    const mine = page.locator("a.row", { hasText: "meeting.started" }).locator(".cell.who");
    assert.equal(await mine.textContent(), "this listener");
    const theirs = page.locator("a.row", { hasText: "webinar.ended" }).locator(".cell.who");
    assert.match((await theirs.getAttribute("title")) ?? "", new RegExp(`pid ${b.ready.pid} · session [0-9a-f-]{36}$`));

    // The menu: every listener, this one first.
    const menu = page.locator("#filter-listener");
    assert.equal(await menu.isVisible(), true);
    const options = await menu.locator("option").evaluateAll((os) => os.map((o) => ({ value: o.getAttribute("value") ?? "", text: o.textContent ?? "" })));
    assert.equal(options.length, 3);
    assert.equal(options[0]!.text, "All listeners");
    assert.equal(options[1]!.text, `this listener · pid ${a.ready.pid}`);
    assert.match(options[2]!.text, new RegExp(`pid ${b.ready.pid}$`));
    const [aSession, bSession] = [options[1]!.value, options[2]!.value];

    await menu.selectOption(bSession);
    await until("only b's capture", async () => JSON.stringify(await events(page)) === JSON.stringify(["webinar.ended"]));
    assert.match((await page.locator("#count").textContent()) ?? "", /\(filtered\)/);

    // Live, after the filter is set: a's capture commits first, so by the time b's shows, a's was seen and left out.
    await send("recording.completed", a);
    await send("meeting.ended", b);
    await until("b's live capture", async () => (await events(page)).includes("meeting.ended"));
    assert.deepEqual(await events(page), ["meeting.ended", "webinar.ended"]);
    assert.equal(await page.locator("a.row .cell.who", { hasText: "this listener" }).count(), 0);
    assert.match((await page.locator("#count").textContent()) ?? "", /^2 shown of 4/);

    // The detail says who took it.
    await page.locator("a.row", { hasText: "meeting.ended" }).click();
    const taken = page.locator("#detail-listener");
    await taken.waitFor();
    assert.match((await taken.textContent()) ?? "", new RegExp(`^Taken by .+ · pid ${b.ready.pid} · session ${bSession}$`));
    await page.screenshot({ path: artifactPath("inspector-listener-filter.png") });

    await menu.selectOption(aSession);
    await until("only a's captures", async () => JSON.stringify(await events(page)) === JSON.stringify(["recording.completed", "meeting.started"]));
    await page.locator("a.row", { hasText: "recording.completed" }).click();
    await until("a's detail", async () => ((await page.locator("#detail-listener").textContent()) ?? "").endsWith("(this listener)"));
    await menu.selectOption("");
    await waitForRows(page, 4);
    await page.close();
  });

  it("Clear warns that it deletes every listener's captures in the shared store", async () => {
    const page = await open(1280);
    await waitForRows(page, 4);
    await page.locator("#clear-btn").click();
    const text = (await page.locator("#clear-text").textContent()) ?? "";
    assert.match(text, /^All \d+ captured requests in the shared store, from every listener \(teammates and CI jobs too\), will be deleted\./);
    await page.keyboard.press("Escape");
    await until("the dialog closed", async () => !(await page.locator("#clear-dialog").isVisible()));
    assert.ok((await db.query("select 1 from team.captures")).length >= 4, "nothing was cleared");
    await page.close();
  });

  it("a listener that starts later joins the menu with its first capture", async () => {
    const page = await open(1280);
    await waitForRows(page, 4);
    const c = await team.join();
    try {
      assert.equal(await page.locator("#filter-listener option").count(), 3);
      await team.send("webinar.started", c);
      await until("the new listener in the menu", async () => (await page.locator("#filter-listener option").count()) === 4);
      // After this listener, newest capture first.
      const label = (await page.locator("#filter-listener option").nth(2).textContent()) ?? "";
      assert.match(label, new RegExp(`pid ${c.ready.pid}$`));
    } finally {
      await c.stop();
    }
    await page.close();
  });

  for (const width of [1000, 1280, 1600]) {
    it(`at ${width} px: the event name shows in full beside the Listener column, headers stand apart`, async () => {
      await team.send("meeting.participant_joined", team.b);
      const page = await open(width);
      await page.locator("a.row", { hasText: "meeting.participant_joined" }).first().waitFor();
      await page.screenshot({ path: artifactPath(`inspector-listeners-${width}.png`) });
      const shown = await checkListLayout(page, "meeting.participant_joined");
      // The narrowest list gives the event name the room; the detail still says who took it.
      assert.equal(shown.includes("Listener"), width > 1000, `columns at ${width} px: ${shown.join(", ")}`);
      assert.equal(await page.locator("#filter-listener").isVisible(), true);
      const box = await page.locator("#filter-event").boundingBox();
      assert.ok(box && box.width >= 120, `the event filter is squeezed to ${box?.width} px`);
      await page.close();
    });
  }
});
