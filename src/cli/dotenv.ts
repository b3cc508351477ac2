// Load ./.env with Node's own parser, never overriding the real environment (flag > environment > .env).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

import { fromDotEnv } from "./secret.js";

export function loadDotEnv(cwd: string, env: NodeJS.ProcessEnv): void {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch {
    return;
  }
  const parsed = parseEnv(text) as Record<string, string>;
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] === undefined) {
      env[key] = value;
      fromDotEnv.add(key);
    }
  }
}
