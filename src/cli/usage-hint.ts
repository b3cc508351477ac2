// The way out after commander's usage error: the real command's --help, never the typo's.

/** Edit distance (insert, delete, substitute, swap two neighbours), small inputs only. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest command name within two edits (or a prefix of one), if any. */
export function closestCommand(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = name.startsWith(typed) ? 1 : distance(typed.toLowerCase(), name);
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
