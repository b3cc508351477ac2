// Parse and run a command; map every outcome to the exit-code contract.
import { CommanderError } from "commander";
import { ExitCode } from "../shared/exit-codes.js";
import { reportFailure } from "./boundary.js";
import { loadDotEnv } from "./dotenv.js";
import { quietOnBrokenPipe } from "./io.js";
import { buildProgram } from "./program.js";

export async function run(argv: string[], version: string): Promise<void> {
  quietOnBrokenPipe();
  await loadDotEnv(process.cwd(), process.env);
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
      const { usageHint } = await import("./usage-hint.js");
      process.stderr.write(`  ${usageHint(argv, program.commands.map((c) => c.name()))}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    await reportFailure(err, debug);
  }
}
