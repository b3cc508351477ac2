// The way out after commander's usage error: the real command's --help, never the typo's.
import { editDistance } from "../shared/edit-distance.js";

/** The closest command name within two edits (or a prefix of one), if any. */
export function closestCommand(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = name.startsWith(typed) ? 1 : editDistance(typed.toLowerCase(), name, 2);
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

export function usageHint(argv: string[], names: readonly string[]): string {
  const first = argv.find((a) => !a.startsWith("-"));
  if (first && names.includes(first)) return `Run \`zoomhook ${first} --help\` to see the options.`;
  const guess = first === undefined ? undefined : closestCommand(first, names);
  return guess ? `Run \`zoomhook ${guess} --help\` to see its options.` : "Run `zoomhook --help` to see the commands.";
}
