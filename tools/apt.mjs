// Running apt-get from the test tooling: wait (bounded) while another apt or dpkg holds its lock, then
// fail with one line that says what to do, never a stack trace.
import { spawnSync } from "node:child_process";

const LOCKED = /Could not get lock|Unable to (acquire|lock)|is another process using it/i;

export class AptError extends Error {}

/**
 * Run `apt-get <args>`; while apt's lock is held, retry every pollMs until waitMs has passed.
 * Resolves with the number of attempts; rejects with an AptError whose message is a single line.
 */
export async function runApt(args, { aptGet = "apt-get", waitMs = 120_000, pollMs = 2000, env = process.env, onWait } = {}) {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    // DPkg::Lock::Timeout makes apt itself wait for dpkg's lock; the loop covers the lists lock of `update`.
    const run = spawnSync(aptGet, ["-o", `DPkg::Lock::Timeout=${Math.ceil(waitMs / 1000)}`, ...args], {
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
      encoding: "utf8",
      stdio: ["ignore", "inherit", "pipe"],
    });
    if (run.status === 0) return attempt;
    const stderr = `${run.stderr ?? ""}${run.error ? run.error.message : ""}`;
    if (LOCKED.test(stderr)) {
      if (Date.now() < deadline) {
        if (attempt === 1) onWait?.();
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      throw new AptError(
        `apt is busy (another apt-get or dpkg held its lock for ${Math.round(waitMs / 1000)} s): let it finish and run this again, or install chromium yourself and set CHROMIUM_PATH.`,
      );
    }
    const last = stderr.trim().split("\n").filter(Boolean).pop() ?? `exit ${run.status}`;
    throw new AptError(`apt-get ${args[0]} failed: ${last}`);
  }
}
