#!/usr/bin/env node
// Before the tests: find a Chromium for the browser tests, installing Debian's package when that is possible.
// Prints the path; fails loudly (exit 1) when none can be had — browser tests never skip.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { AptError, runApt } from "./apt.mjs";

const candidates = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
].filter(Boolean);

const found = () => candidates.find((p) => existsSync(p));

if (!found() && process.platform === "linux" && process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0) {
  console.error("Chromium not found: installing Debian's chromium package for the browser tests…");
  const onWait = () => console.error("apt is busy (another apt-get or dpkg is running): waiting for it, at most 2 minutes…");
  try {
    await runApt(["update", "-qq"], { onWait });
    await runApt(["install", "-y", "-qq", "chromium"], { onWait });
  } catch (err) {
    if (!(err instanceof AptError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
const path = found();
if (!path) {
  console.error(
    "No Chromium for the browser tests. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
  process.exit(1);
}
console.error(`browser tests use ${path}`);
