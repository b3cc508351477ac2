// Offline one-shots that need no option parser: `crc --token X` answers without loading commander.
// Anything this does not fully recognise (other flags, --help, a target) goes the normal way, where
// commander explains what is wrong. Kept this small on purpose: it is on the start-up budget.
import { SECRET_ENV } from "./secret.js";

interface OfflineCrc {
  token?: string;
  secret?: string;
  json?: boolean;
}

function parseOfflineCrc(args: string[]): OfflineCrc | undefined {
  const out: OfflineCrc = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const inline = name === a ? undefined : a.slice(eq + 1);
    if (name === "--json" && inline === undefined) out.json = true;
    else if (name === "--no-color" && inline === undefined) continue;
    else if (name === "--token" || name === "--secret" || name === "-s") {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith("-"))) return undefined;
      if (name === "--token") out.token = value;
      else out.secret = value;
    } else return undefined;
  }
  return out;
}

/** Runs the command and returns true, or returns false when the full parser should handle argv. */
export async function tryFastPath(argv: string[]): Promise<boolean> {
  if (argv[0] !== "crc") return false;
  const opts = parseOfflineCrc(argv.slice(1));
  if (!opts) return false;
  try {
    // flag > environment > .env: the file is read only when neither gives the secret.
    if (!opts.secret && !process.env[SECRET_ENV]) await (await import("./dotenv.js")).loadDotEnv(process.cwd(), process.env);
    const { crcCommand } = await import("./commands/crc.js");
    await crcCommand({ ...opts, timeout: 10_000 });
  } catch (err) {
    await (await import("./boundary.js")).reportFailure(err, false);
  }
  return true;
}
