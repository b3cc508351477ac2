// `npm test` runs the suite through this: one throwaway PostgreSQL server for every test file, removed afterwards.
// Test files create their own databases on it; with $ZOOMHOOK_TEST_DATABASE_URL set, that server is used instead.
// Beside run-tests.mjs: plain JavaScript that runs before and around the compiled suite.
import { spawn } from "node:child_process";
import { startPgServer } from "../dist/test/support/postgres-server.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("usage: node tools/with-postgres.mjs <command> [args…]\n");
  process.exit(2);
}
const server = process.env.ZOOMHOOK_TEST_DATABASE_URL ? undefined : await startPgServer();
const env = server ? { ...process.env, ZOOMHOOK_TEST_DATABASE_URL: server.url } : process.env;
const child = spawn(command, args, { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on("close", (c, s) => resolve(c ?? (s ? 1 : 0))));
await server?.remove();
process.exitCode = code;
