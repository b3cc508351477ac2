// Colour that follows the TTY, NO_COLOR, FORCE_COLOR and --no-color; the only chalk importer.
import { Chalk, type ChalkInstance } from "chalk";

function level(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, argv: string[]): 0 | 1 | 2 | 3 {
  if (argv.includes("--no-color")) return 0;
  if (env.FORCE_COLOR !== undefined) {
    const f = env.FORCE_COLOR;
    if (f === "0" || f === "false") return 0;
    return f === "2" ? 2 : f === "3" ? 3 : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (!stream.isTTY || env.TERM === "dumb") return 0;
  const depth = typeof stream.getColorDepth === "function" ? stream.getColorDepth() : 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : 1;
}

export const out: ChalkInstance = new Chalk({ level: level(process.stdout, process.env, process.argv) });
export const err: ChalkInstance = new Chalk({ level: level(process.stderr, process.env, process.argv) });

export const symbols = {
  ok: "✔",
  fail: "✖",
  warn: "⚠",
  arrowOut: "→",
  arrowIn: "←",
};
