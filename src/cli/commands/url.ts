// `zoomhook url`: print the running listener's endpoint URL and nothing else, for scripts.
import { configError } from "../../shared/errors.js";
import { newestNote, waitForListener } from "../../registry/discover.js";
import { pruneSilentListeners } from "../../registry/listeners.js";
import { jsonLine, note, out } from "../io.js";

export async function urlCommand(opts: { local?: boolean; wait?: number; json?: boolean }): Promise<void> {
  await pruneSilentListeners();
  // With --wait, the listener being started in this directory is waited for; another one is only the fallback.
  const found = await waitForListener(process.cwd(), process.env, (opts.wait ?? 0) * 1000);
  const entry = found?.entry;
  if (!found || !entry) {
    throw configError("no_listener", opts.wait ? `No zoomhook listener became ready within ${opts.wait} s.` : "No running zoomhook listener found.", {
      hint: "Start one with `zoomhook listen` (use `zoomhook url --wait 30` in scripts that start it in the background).",
    });
  }
  const chosen = newestNote(found, "using");
  if (chosen) note(`${chosen}\n`);
  if (opts.json) {
    jsonLine({ publicUrl: entry.publicUrl, localUrl: entry.localUrl, inspectorUrl: entry.inspectorUrl, pid: entry.pid, cwd: entry.cwd });
    return;
  }
  if (!opts.local && !entry.publicUrl) {
    throw configError("no_tunnel", `The listener (pid ${entry.pid}) runs without a tunnel, so it has no public URL.`, {
      hint: "Use `zoomhook url --local` for its local URL, or restart it without --no-tunnel.",
    });
  }
  out(`${opts.local ? entry.localUrl : entry.publicUrl}\n`);
}
