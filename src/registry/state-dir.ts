// Where per-user state lives (the live-listener registry), per platform; ZOOMHOOK_STATE_DIR overrides it.
import { homedir } from "node:os";
import { join } from "node:path";

export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ZOOMHOOK_STATE_DIR) return env.ZOOMHOOK_STATE_DIR;
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "zoomhook");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "zoomhook");
  return join(env.XDG_STATE_HOME ?? join(homedir(), ".local", "state"), "zoomhook");
}
