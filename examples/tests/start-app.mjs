// Starts the example webhook app on a free port for a test, and stops it afterwards.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../webhook-app/server.mjs", import.meta.url));

/** Resolves once the app prints its address: { url, port, stop() }. */
export function startApp(env) {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, ...env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("exit", (code) => reject(new Error(`the app exited with code ${code}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      const url = m[1];
      resolve({
        url,
        port: new URL(url).port,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", () => done()), child.kill("SIGTERM")))),
      });
    });
  });
}
