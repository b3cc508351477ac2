// Benchmark: time to first render of the inspector's list with 10 000 captures, vs an empty list, in headless Chromium.
import { performance } from "node:perf_hooks";
import type { Browser } from "playwright-core";
import { launchChromium } from "../test/support/inspector-browser.js";
import { makeCapture, startHarness, type Harness } from "../test/support/inspector-harness.js";

const N = Number(process.env.BENCH_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Navigation start → the first row (or the empty state) is in the DOM, on a fresh page each run. */
async function firstRender(browser: Browser, h: Harness, selector: string): Promise<{ wall: number[]; mark: number[] }> {
  const context = await browser.newContext();
  const times: number[] = [];
  const marks: number[] = [];
  try {
    // The first visit trades the token for the cookie; not measured.
    const warm = await context.newPage();
    await warm.goto(h.inspector.url);
    await warm.waitForSelector(selector);
    await warm.close();
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(`http://127.0.0.1:${h.inspector.port}/`, { waitUntil: "commit" });
      await page.waitForSelector(selector, { state: "attached" });
      times.push(performance.now() - t);
      await page.waitForSelector("body[data-ready=true]", { state: "attached" });
      // The page's own mark: navigation start → first page of rows in the DOM, without the harness's polling.
      marks.push(await page.evaluate<number>('performance.getEntriesByName("zoomhook:first-render")[0].startTime'));
      await page.close();
    }
  } finally {
    await context.close();
  }
  return { wall: times, mark: marks };
}

async function main(): Promise<void> {
  const captures = Array.from({ length: N }, (_, i) =>
    makeCapture({ event: i % 3 ? "meeting.started" : "recording.completed", verification: i % 11 ? "valid" : "invalid" }),
  );
  const full = await startHarness({ captures });
  const empty = await startHarness();
  const browser = await launchChromium();
  try {
    const e = await firstRender(browser, empty, "#empty:not([hidden])");
    const f = await firstRender(browser, full, "a.row");
    const [emptyMs, fullMs, emptyMark, fullMark] = [median(e.wall), median(f.wall), median(e.mark), median(f.mark)];
    const rows = await (async () => {
      const page = await browser.newPage();
      await page.goto(full.inspector.url);
      await page.waitForSelector("body[data-ready=true]");
      const n = await page.locator("a.row").count();
      await page.close();
      return n;
    })();
    process.stdout.write(
      `inspector-first-render: median of ${RUNS} runs, headless Chromium, in-memory reader\n` +
        `  in-page mark (navigation start → first page rendered):\n` +
        `    empty list: ${emptyMark.toFixed(1)} ms\n` +
        `    ${N.toLocaleString("en")} captures: ${fullMark.toFixed(1)} ms (${rows} rows in the DOM; ratio ${(fullMark / emptyMark).toFixed(2)}x)\n` +
        `  wall clock from Node (goto → selector attached):\n` +
        `    empty list: ${emptyMs.toFixed(1)} ms\n` +
        `    ${N.toLocaleString("en")} captures: ${fullMs.toFixed(1)} ms (ratio ${(fullMs / emptyMs).toFixed(2)}x)\n`,
    );
  } finally {
    await browser.close();
    await Promise.all([full.close(), empty.close()]);
  }
}

await main();
