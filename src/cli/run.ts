// Parse and run a command; map every outcome to the exit-code contract.
import { CommanderError } from "commander";
import { ExitCode } from "../shared/exit-codes.js";
import { isZoomhookError } from "../shared/errors.js";
import { loadDotEnv } from "./dotenv.js";
import { buildProgram } from "./program.js";
import { renderError } from "./render/errors.js";

export async function run(argv: string[], version: string): Promise<void> {
  loadDotEnv(process.cwd(), process.env);
  const program = buildProgram(version);
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        process.exitCode = ExitCode.ok;
        return;
      }
      // commander already printed "error: …"; add the way out.
      process.stderr.write(`  Run \`zoomhook ${commandPath(argv)}--help\` to see the options.\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    if (isZoomhookError(err)) {
      process.stderr.write(renderError(err, debug));
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(renderError(err, true));
      process.exitCode = ExitCode.internal;
    }
    // A failed command must end even if something it started cannot be stopped (the ngrok SDK keeps a
    // connect that its edge never answers alive forever). Unref'd: it fires only if something lingers.
    setTimeout(() => process.exit(), 1000).unref();
  }
}

function commandPath(argv: string[]): string {
  const first = argv.find((a) => !a.startsWith("-"));
  return first ? `${first} ` : "";
}
