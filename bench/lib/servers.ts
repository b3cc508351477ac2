// Start a benchmark server in its own process (one core for it, one for the load generator) and stop it.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { WEBHOOK_PATH } from "./payload.js";

const entry = fileURLToPath(new URL("./bench-server.js", import.meta.url));

export interface ServerProcess {
  kind: string;
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function spawnServer(kind: string, forwardTo?: string, timeoutMs = 15_000): Promise<ServerProcess> {
  // BENCH_SERVER_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the server processes only.
  const execArgv = process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = fork(entry, forwardTo ? [kind, forwardTo] : [kind], { stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${kind} server did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited early (code ${code})`));
    });
    child.once("message", (m: { port: number }) => {
      clearTimeout(timer);
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => {
            clearTimeout(kill);
            done();
          });
          child.kill("SIGTERM");
        });
      resolve({ kind, port: m.port, url: `http://127.0.0.1:${m.port}${WEBHOOK_PATH}`, child, stop });
    });
  });
}
