// Colour that follows the TTY, NO_COLOR, FORCE_COLOR and --no-color; the only chalk importer.
// chalk is loaded only when some stream is coloured: piped and CI runs never pay for it.
import type { ChalkInstance } from "chalk";

type Level = 0 | 1 | 2 | 3;

function level(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, argv: string[]): Level {
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

/** A chalk look-alike that styles nothing: every property chains, every call joins its arguments. */
function plain(): ChalkInstance {
  const fn = (...text: unknown[]) => text.join(" ");
  const proxy: ChalkInstance = new Proxy(fn, { get: (target, prop) => (prop === "level" ? 0 : prop in target ? Reflect.get(target, prop) : proxy) }) as unknown as ChalkInstance;
  return proxy;
}

const outLevel = level(process.stdout, process.env, process.argv);
const errLevel = level(process.stderr, process.env, process.argv);
const { Chalk } = outLevel + errLevel > 0 ? await import("chalk") : { Chalk: undefined };

export const out: ChalkInstance = Chalk && outLevel > 0 ? new Chalk({ level: outLevel }) : plain();
export const err: ChalkInstance = Chalk && errLevel > 0 ? new Chalk({ level: errLevel }) : plain();

export const symbols = {
  ok: "✔",
  fail: "✖",
  warn: "⚠",
  arrowOut: "→",
  arrowIn: "←",
};
