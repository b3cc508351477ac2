// Browser-test support: launches Debian's Chromium through playwright-core, and fails loudly when it is missing.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts");

/** A missing browser is a failure, never a skip: a silently skipped browser suite tests nothing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/** Polls from Node: the page's CSP (rightly) forbids the string evaluation waitForFunction would need. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function waitForRows(page: Page, n: number): Promise<void> {
  return until(`${n} rows`, async () => (await page.locator("a.row").count()) === n);
}

interface HeaderBox {
  text: string;
  left: number;
  right: number;
  clipped: boolean;
  visible: boolean;
}

/**
 * The list's layout at the page's width: `event` shows in full, the shown column headers are neither
 * cut nor overlapping, and the first row's cells sit under them. Returns the shown headers' names.
 */
export async function checkListLayout(page: Page, event: string): Promise<string[]> {
  const cell = page.locator("a.row .cell.event", { hasText: event }).first();
  const size = await cell.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(size.scroll <= size.client, `the event name is cut: needs ${size.scroll} px, has ${size.client} px`);

  const boxes = await page.locator(".list-head > span").evaluateAll((spans) =>
    spans.map((s) => {
      const r = s.getBoundingClientRect();
      return { text: s.textContent ?? "", left: r.left, right: r.right, clipped: s.scrollWidth > s.clientWidth, visible: r.width > 0 };
    }),
  );
  const shown: HeaderBox[] = boxes.filter((b: HeaderBox) => b.visible);
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
  return shown.map((b) => b.text);
}
