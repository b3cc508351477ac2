// The test tooling's apt-get runner: waits while apt's lock is held (bounded), then fails with one line.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const { runApt, AptError } = (await import(pathToFileURL(join(root, "tools", "apt.mjs")).href)) as {
  runApt: (args: string[], o: { aptGet: string; waitMs: number; pollMs: number; onWait?: () => void }) => Promise<number>;
  AptError: new (m: string) => Error;
};

const dir = mkdtempSync(join(tmpdir(), "zoomhook-apt-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in apt-get that reports a held lock for its first `lockedRuns` runs, then succeeds. */
function fakeAptGet(name: string, lockedRuns: number): { path: string; runs: () => number } {
  const counter = join(dir, `${name}.count`);
  writeFileSync(counter, "0");
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh
n=$(($(cat "${counter}") + 1)); echo $n > "${counter}"
if [ $n -le ${lockedRuns} ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
exit 0
`,
  );
  chmodSync(path, 0o755);
  return { path, runs: () => Number(readFileSync(counter, "utf8")) };
}

describe("runApt", () => {
  it("waits while the lock is held, then runs", async () => {
    const apt = fakeAptGet("busy-then-free", 2);
    let waited = 0;
    const attempts = await runApt(["update"], { aptGet: apt.path, waitMs: 60_000, pollMs: 5, onWait: () => waited++ });
    assert.equal(attempts, 3);
    assert.equal(apt.runs(), 3);
    assert.equal(waited, 1);
  });

  it("a lock held past the wait: one line saying what to do, no stack trace", async () => {
    const apt = fakeAptGet("always-busy", 1_000_000);
    await assert.rejects(runApt(["install", "-y", "chromium"], { aptGet: apt.path, waitMs: 30, pollMs: 5 }), (err: Error) => {
      assert.ok(err instanceof AptError);
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, /^apt is busy .*CHROMIUM_PATH\.$/);
      return true;
    });
  });

  it("another failure: one line with apt's own last words", async () => {
    const path = join(dir, "broken");
    writeFileSync(path, "#!/bin/sh\necho 'E: Unable to locate package chromium' >&2\nexit 100\n");
    chmodSync(path, 0o755);
    await assert.rejects(runApt(["install", "chromium"], { aptGet: path, waitMs: 30, pollMs: 5 }), /^Error: apt-get install failed: E: Unable to locate package chromium$/);
  });
});
