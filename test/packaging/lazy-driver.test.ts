// Start-up: commands that do not touch PostgreSQL never load its driver (checked by a module resolve hook).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BIN, childEnv } from "../support/cli.js";

const hook = fileURLToPath(new URL("../../bench/lib/import-log.js", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "zoomhook-lazy-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The modules `zoomhook <args>` resolves, whatever its exit code. */
function modulesOf(args: string[]): Promise<string[]> {
  const log = path.join(dir, `imports-${++n}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", hook, BIN, ...args], { cwd: dir, env: childEnv({ ZOOMHOOK_BENCH_IMPORT_LOG: log, ZOOMHOOK_STATE_DIR: dir }), stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      try {
        resolve(readFileSync(log, "utf8").split("\n").filter(Boolean));
      } catch {
        resolve([]);
      }
    });
  });
}
const loadsPg = (urls: string[]) => urls.some((u) => u.includes("/node_modules/pg/"));

test("the hook sees the driver when a postgres:// store is opened (so the checks below mean something)", async () => {
  assert.ok(loadsPg(await modulesOf(["log", "--store", "postgres://u@127.0.0.1:1/db"])));
});

for (const args of [["--version"], ["--help"], ["crc", "--token", "X", "--secret", "s"], ["events"], ["log", "--store", "file-store"], ["log", "--help"]]) {
  test(`zoomhook ${args.join(" ")} does not load the PostgreSQL driver`, async () => {
    const urls = await modulesOf(args);
    assert.ok(urls.length > 0, "the resolve hook recorded nothing");
    assert.equal(loadsPg(urls), false);
  });
}
