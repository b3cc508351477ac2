// `${…}` references in scenario strings: compiled once when the file is validated, resolved when a step runs.
import { randomInt, randomUUID } from "node:crypto";

export const GENERATORS = ["uuid", "meetingId", "now"] as const;
export type Generator = (typeof GENERATORS)[number];

export type Ref =
  | { scope: "steps"; step: string; side: "request" | "response"; path: string[]; source: string }
  | { scope: "vars" | "env"; name: string; source: string }
  | { scope: "gen"; name: Generator; source: string };

export interface Template {
  kind: "template";
  source: string;
  parts: Array<string | Ref>;
}

export function isTemplate(v: unknown): v is Template {
  return typeof v === "object" && v !== null && (v as Template).kind === "template";
}

/** Parse one reference expression; returns an error sentence for a malformed one. */
function parseRef(inner: string): Ref | string {
  const expr = inner.trim();
  const source = `\${${expr}}`;
  if ((GENERATORS as readonly string[]).includes(expr)) return { scope: "gen", name: expr as Generator, source };
  const [head, ...rest] = expr.split(".");
  if (head === "vars" || head === "env") {
    if (rest.length !== 1 || !rest[0]) return `${source}: write \${${head}.NAME}`;
    return { scope: head, name: rest[0], source };
  }
  if (head === "steps") {
    const [step, side, ...path] = rest;
    if (!step || (side !== "request" && side !== "response") || path.length === 0 || path.some((p) => p === "")) {
      return `${source}: write \${steps.<name>.request.body.<path>} or \${steps.<name>.response.body.<path>} (also .headers.<name>, .response.status)`;
    }
    return { scope: "steps", step, side, path, source };
  }
  return `${source}: unknown reference (use steps.…, vars.…, env.…, or one of ${GENERATORS.map((g) => `\${${g}}`).join(", ")})`;
}

/** A string becomes itself (no references) or a Template; malformed references are reported through `problem`. */
export function compileString(text: string, problem: (message: string) => void): string | Template {
  if (!text.includes("${")) return text;
  const parts: Array<string | Ref> = [];
  let literal = "";
  for (let i = 0; i < text.length; ) {
    if (text.startsWith("$${", i)) {
      // `$${` writes a literal `${`.
      literal += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      const end = text.indexOf("}", i + 2);
      if (end < 0) {
        problem(`"${text}" has a \${ without its closing }`);
        return text;
      }
      const ref = parseRef(text.slice(i + 2, end));
      if (typeof ref === "string") {
        problem(ref);
        return text;
      }
      if (literal) parts.push(literal);
      literal = "";
      parts.push(ref);
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) parts.push(literal);
  if (parts.every((p) => typeof p === "string")) return parts.join("");
  return { kind: "template", source: text, parts };
}

/** The names of the steps a template reads. */
export function stepRefs(t: Template): string[] {
  return t.parts.flatMap((p) => (typeof p !== "string" && p.scope === "steps" ? [p.step] : []));
}

export function generate(name: Generator): unknown {
  if (name === "uuid") return randomUUID();
  // Zoom meeting ids are 10–11 digit numbers.
  if (name === "meetingId") return randomInt(10_000_000_000, 99_999_999_999);
  return Date.now();
}
