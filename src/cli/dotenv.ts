// Load ./.env the way Zoom's sample apps do (the `dotenv` package's parser), never overriding the real
// environment (flag > environment > .env). dotenv is imported only when a .env file exists.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { dotEnvFile, fromDotEnv } from "./secret.js";

export async function loadDotEnv(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const path = join(cwd, ".env");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return;
  }
  const { parse } = await import("dotenv");
  const parsed = parse(text);
  // Remembered so a missing secret can be explained: ".env exists but has no such line", not "put it in .env".
  dotEnvFile.path = path;
  dotEnvFile.values = parsed;
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] === undefined) {
      env[key] = value;
      fromDotEnv.add(key);
    }
  }
}
