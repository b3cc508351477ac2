// zoomhook.config.json: routes and flag defaults that can be committed (so it may hold no secrets).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../shared/errors.js";

export const CONFIG_FILE = "zoomhook.config.json";

export interface ListenDefaults {
  provider?: string;
  port?: number;
  host?: string;
  path?: string;
  tolerance?: number;
  maxBody?: number;
  forwardTo?: string;
  forwardCrc?: boolean;
  forwardTimeout?: number;
  tunnel?: boolean;
  domain?: string;
  ngrokVerify?: boolean;
  store?: string;
  inspect?: boolean;
  inspectPort?: number;
  inspectHost?: string;
}

export interface ConfigFile {
  listen: ListenDefaults;
  routes: Array<{ event: string; url: string }>;
  file?: string;
}

const LISTEN_KEYS: Record<keyof ListenDefaults, "number" | "string" | "boolean"> = {
  provider: "string", port: "number", host: "string", path: "string", tolerance: "number", maxBody: "number", forwardTo: "string",
  forwardCrc: "boolean", forwardTimeout: "number", tunnel: "boolean", domain: "string", ngrokVerify: "boolean",
  store: "string", inspect: "boolean", inspectPort: "number", inspectHost: "string",
};
const SECRETISH = /secret|token|password|authtoken|apikey|api_key/i;

export function loadConfigFile(cwd: string): ConfigFile {
  const file = join(cwd, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { listen: {}, routes: [] };
  }
  const bad = (message: string, hint?: string) => usageError("bad_config", `${CONFIG_FILE}: ${message}`, { hint: hint ?? "Fix the file, or move it aside." });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw bad(`not valid JSON (${(err as Error).message})`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("must be a JSON object");
  const config: ConfigFile = { listen: {}, routes: [], file };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (SECRETISH.test(key)) throw secretError(key);
    if (key === "$schema") continue;
    if (key === "listen") config.listen = parseListen(value, bad);
    else if (key === "routes") config.routes = parseRoutes(value, bad);
    else throw bad(`unknown key "${key}" (expected "listen" or "routes")`);
  }
  return config;
}

function secretError(key: string) {
  return usageError("secret_in_config", `${CONFIG_FILE}: "${key}" looks like a secret, and this file is meant to be committed.`, {
    hint: "Put secrets in the environment or ./.env (ZOOM_WEBHOOK_SECRET_TOKEN, NGROK_AUTHTOKEN) and remove the key.",
  });
}

function parseListen(value: unknown, bad: (m: string) => Error): ListenDefaults {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw bad(`"listen" must be an object`);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRETISH.test(key)) throw secretError(`listen.${key}`);
    const type = LISTEN_KEYS[key as keyof ListenDefaults];
    if (!type) throw bad(`unknown key "listen.${key}" (known: ${Object.keys(LISTEN_KEYS).join(", ")})`);
    if (typeof v !== type) throw bad(`"listen.${key}" must be a ${type}`);
    out[key] = v;
  }
  return out as ListenDefaults;
}

function parseRoutes(value: unknown, bad: (m: string) => Error): Array<{ event: string; url: string }> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw bad(`"routes" must map event names or patterns to URLs`);
  return Object.entries(value as Record<string, unknown>).map(([event, url]) => {
    if (typeof url !== "string") throw bad(`routes["${event}"] must be a URL string`);
    try {
      const u = new URL(url);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
    } catch {
      throw bad(`routes["${event}"] is not an http(s) URL: ${url}`);
    }
    return { event, url };
  });
}
