// Expand scenario file arguments: plain paths as given; `*`, `?` and `**` patterns (quoted in CI, so the shell left them) to sorted matches.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../shared/errors.js";

const MAGIC = /[*?]/;

function segmentRegex(seg: string): RegExp {
  const body = seg.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}

function walk(dir: string, segs: string[], out: string[]): void {
  if (segs.length === 0) {
    out.push(dir);
    return;
  }
  const [seg, ...rest] = segs;
  if (!MAGIC.test(seg!)) {
    const next = dir === "" ? seg! : join(dir, seg!);
    try {
      statSync(next);
      walk(next, rest, out);
    } catch {
      // no such entry: no match down this path
    }
    return;
  }
  let entries: Array<{ name: string; isDirectory(): boolean }>;
  try {
    entries = readdirSync(dir === "" ? "." : dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (seg === "**") {
    walk(dir, rest, out); // zero folders
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") walk(join(dir, e.name), segs, out);
    return;
  }
  const re = segmentRegex(seg!);
  for (const e of entries) {
    if (e.name.startsWith(".") && !seg!.startsWith(".")) continue;
    if (re.test(e.name) && (rest.length === 0 || e.isDirectory())) walk(dir === "" ? e.name : join(dir, e.name), rest, out);
  }
}

export function expandScenarioArgs(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (!MAGIC.test(arg)) {
      files.push(arg);
      continue;
    }
    const absolute = arg.startsWith("/");
    const segs = arg.split("/").filter((s, i) => s !== "" || (i === 0 && absolute));
    const out: string[] = [];
    walk(absolute ? "/" : "", absolute ? segs.slice(1) : segs, out);
    const matches = out.filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
    if (matches.length === 0) throw usageError("no_scenarios", `No scenario files match ${arg}.`, { hint: "Scenario files end in .yaml, .yml or .json." });
    files.push(...matches);
  }
  return [...new Set(files)];
}
