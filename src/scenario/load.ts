// Read a scenario file (YAML or JSON) into plain data, keeping a way to find the line of any key for error messages.
import { readFile } from "node:fs/promises";
import { usageError } from "../shared/errors.js";

export type KeyPath = Array<string | number>;

export interface LoadedFile {
  file: string;
  data: unknown;
  /** 1-based line of the node at that path (or of its nearest ancestor), when known. */
  lineOf(path: KeyPath): number | undefined;
}

export async function loadScenarioFile(file: string): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError("scenario_unreadable", `Cannot read the scenario ${file}${code === "ENOENT" ? ": no such file" : `: ${(err as Error).message}`}.`);
  }
  return /\.json$/i.test(file) ? parseJson(file, text) : parseYaml(file, text);
}

function parseJson(file: string, text: string): LoadedFile {
  try {
    return { file, data: JSON.parse(text) as unknown, lineOf: () => undefined };
  } catch (err) {
    throw usageError("invalid_scenario", `${file}: not valid JSON: ${(err as Error).message}.`, { details: { problems: [{ file, message: `not valid JSON: ${(err as Error).message}` }] } });
  }
}

// yaml is loaded only here: only `run` pays for it.
async function parseYamlModule() {
  return import("yaml");
}

async function parseYaml(file: string, text: string): Promise<LoadedFile> {
  const { parseDocument, LineCounter, isNode } = await parseYamlModule();
  const counter = new LineCounter();
  // YAML 1.2 core schema: `yes`/`no` stay strings, like JSON would have them.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ file, line: counter.linePos(e.pos[0]).line, message: e.message.split("\n")[0]! }));
    const first = problems[0]!;
    throw usageError("invalid_scenario", `${file}:${first.line}: not valid YAML: ${first.message}`, { details: { problems } });
  }
  const lineOf = (path: KeyPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { file, data: doc.toJS({ maxAliasCount: 100 }) as unknown, lineOf };
}
