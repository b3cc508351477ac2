// The CLI entry and its one error boundary: argv in, exit code out.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);

function version(): string {
  const pkg = fileURLToPath(new URL("../../../package.json", import.meta.url));
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

// Answer --version before loading anything else: start-up time is a feature.
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${version()}\n`);
} else {
  const { run } = await import("./run.js");
  await run(argv, version());
}
