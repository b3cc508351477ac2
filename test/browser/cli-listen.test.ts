// End to end in the browser: the real `zoomhook listen` serves the inspector; `zoomhook send` shows up live; Replay works.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { artifactPath, launchChromium } from "../support/inspector-browser.js";

const BIN = resolve("bin/zoomhook.js");
const SECRET = "e2e-inspector-secret-token";

interface Ready {
  type: "ready";
  localUrl: string;
  inspectorUrl: string;
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("inspector served by `zoomhook listen`", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let listener: ChildProcess;
  let ready: Ready;
  let browser: Browser;
  let stderr = "";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "zoomhook-inspector-e2e-"));
    // Its own state dir and cwd: no .env, registry or store from the developer's machine leaks in.
    env = { ...process.env, NO_COLOR: "1", ZOOMHOOK_STATE_DIR: join(dir, "state"), ZOOM_WEBHOOK_SECRET_TOKEN: SECRET };
    delete env.ZOOMHOOK_STORE;
    listener = spawn(process.execPath, [BIN, "listen", "--no-tunnel", "--port", "0", "--inspect-port", "0", "--json", "--store", join(dir, "store")], { env, cwd: dir });
    listener.stderr!.on("data", (c) => (stderr += c));
    ready = await new Promise<Ready>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within 20 s; stderr: ${stderr}`)), 20_000);
      listener.on("exit", (code) => reject(new Error(`listen exited with ${code}; stderr: ${stderr}`)));
      createInterface({ input: listener.stdout! }).on("line", (line) => {
        const event = JSON.parse(line) as { type: string };
        if (event.type === "ready") {
          clearTimeout(timer);
          resolveReady(event as Ready);
        }
      });
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (listener && listener.exitCode === null) {
      const exited = new Promise((r) => listener.once("exit", r));
      listener.kill("SIGINT");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("announces a loopback inspector URL with a token", () => {
    assert.match(ready.inspectorUrl, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
  });

  it("shows a sent event live, then replays it through the listener", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(ready.inspectorUrl);
    await page.waitForSelector('#conn[data-state="live"]');
    await page.waitForSelector("body[data-ready=true]");

    const sent = await run(["send", "meeting.started", "--to", ready.localUrl, "--secret", SECRET], env, dir);
    assert.equal(sent.code, 0, sent.stderr);

    const row = page.locator("a.row", { hasText: "meeting.started" });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? "", /meeting\.started.*valid.*200/);
    await row.first().click();
    await page.waitForSelector(".vb-valid");

    await page.click("#replay-btn");
    await page.waitForSelector("#toast >> text=Replayed → 200");
    await page.waitForSelector("a.row .tag");
    assert.equal(await page.locator("a.row").count(), 2);
    await page.click("#toast a");
    await page.waitForSelector("#replay-of-link");
    // Replays are re-signed with a fresh timestamp, so they verify.
    await page.waitForSelector(".vb-valid");
    await page.screenshot({ path: artifactPath("inspector-cli-replay.png") });
    await page.close();
  });
});
