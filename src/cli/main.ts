// The CLI entry: answers --version and offline `crc` before loading anything heavy, then hands over to run().
// Start-up time is a feature: every import here is paid by every command.
import { VERSION } from "./version.js";

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else if (!(await (await import("./fast-path.js")).tryFastPath(argv))) {
  const { run } = await import("./run.js");
  await run(argv, VERSION);
}
