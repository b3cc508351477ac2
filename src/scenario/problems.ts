// Collecting what is wrong with a scenario file: each problem names the file, line, step and key, and what was expected.
import { usageError, type ZoomhookError } from "../shared/errors.js";
import type { KeyPath } from "./load.js";

export interface Problem {
  file: string;
  line?: number;
  /** 1-based, with the step's name when it has one. */
  step?: { index: number; name?: string };
  /** The key path inside the step (or the file), e.g. "send.bad-signature". */
  key?: string;
  message: string;
}

export function describeProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const step = p.step ? ` step ${p.step.index}${p.step.name ? ` "${p.step.name}"` : ""}:` : "";
  const key = p.key ? ` ${p.key}:` : "";
  return `${where}:${step}${key} ${p.message}`;
}

/** Gathers problems while walking one file; `at` narrows to a step or key. */
export class Problems {
  readonly list: Problem[] = [];
  constructor(
    readonly file: string,
    readonly lineOf: (path: KeyPath) => number | undefined,
  ) {}

  add(path: KeyPath, message: string, step?: { index: number; name?: string }): void {
    const key = step ? path.slice(2).join(".") : path.join(".");
    this.list.push({ file: this.file, line: this.lineOf(path), step, key: key || undefined, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  toError(): ZoomhookError {
    this.list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const lines = this.list.map(describeProblem);
    const count = this.list.length === 1 ? "a problem" : `${this.list.length} problems`;
    return usageError("invalid_scenario", `The scenario ${this.file} has ${count}; nothing was sent.\n  ${lines.join("\n  ")}`, {
      hint: "`zoomhook run --print-schema` prints the JSON Schema of scenario files (for your editor).",
      details: { problems: this.list },
    });
  }
}

/** A short, readable rendering of a value for "got …" in messages. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** The closest known key, for "did you mean". */
export function suggestKey(key: string, known: readonly string[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const hit = known.find((k) => norm(k) === norm(key)) ?? known.find((k) => norm(k).startsWith(norm(key).slice(0, 3)));
  return hit ? ` (did you mean "${hit}"?)` : ` (expected one of: ${known.join(", ")})`;
}
