// In the browser: a listener's inspector on a PostgreSQL store shows another listener's captures live, and the store going down.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { Browser } from "playwright-core";
import { killAll, makeWorld, type World } from "../support/cli.js";
import { artifactPath, launchChromium, until, waitForRows } from "../support/inspector-browser.js";
import { startPgServer, type PgServer } from "../support/postgres-server.js";
import { startTeam, type Team } from "../support/shared-store-team.js";

const SECRET = "browser-postgres-secret";
// Its own server, because this test stops it.
let server: PgServer;
let world: World;
let browser: Browser;
let team: Team;

before(async () => {
  server = await startPgServer();
  world = makeWorld();
  team = await startTeam(world, `${server.url}?schema=inspector`, SECRET);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await team?.stop();
  killAll();
  await server?.remove();
  world?.cleanup();
});

it("shows this listener's and another listener's captures once each, as they commit; says when the store is down", async () => {
  const { a, b, send } = team;
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(String(a.ready.inspectorUrl));
  await page.waitForSelector('#conn[data-state="live"]');
  await page.waitForSelector("body[data-ready=true]");
  await send("meeting.started", a);
  await page.locator("a.row", { hasText: "meeting.started" }).waitFor();
  await send("webinar.ended", b);
  await page.locator("a.row", { hasText: "webinar.ended" }).waitFor();
  await waitForRows(page, 2);
  assert.match((await page.locator("a.row").first().textContent()) ?? "", /webinar\.ended.*valid.*200/);

  await server.stop("immediate");
  await a.waitForLine((l) => l.type === "warning" && l.code === "store_down");
  // The inspector learns it from the listener's own failed write: provoke one.
  await until("the store-down badge", async () => {
    await fetchQuietly(a.ready.localUrl);
    return ((await page.locator("#conn").textContent()) ?? "").includes("store down");
  }, 15_000);
  await page.screenshot({ path: artifactPath("inspector-postgres-down.png") });
  await server.start();
  await until("the live badge again", async () => (await page.locator("#conn").getAttribute("data-state")) === "live" && ((await page.locator("#conn").textContent()) ?? "") === "live", 30_000);
  await send("meeting.ended", b);
  await waitForRows(page, 3);
  await page.close();
});

async function fetchQuietly(url: string): Promise<void> {
  await fetch(url, { method: "POST", body: "{}" }).then((r) => r.arrayBuffer(), () => undefined);
}
