// `zoomhook export`: write a capture's exact body bytes as a fixture for `zoomhook send --data`.
import { writeFile } from "node:fs/promises";
import { getCapture } from "../captures.js";

export async function exportCommand(id: string, opts: { output?: string; store?: string }): Promise<void> {
  const capture = await getCapture(opts.store, id);
  if (capture.truncated) process.stderr.write(`warning: only the first ${capture.body.length} of ${capture.bodySize} bytes were captured\n`);
  if (opts.output && opts.output !== "-") {
    await writeFile(opts.output, capture.body);
    process.stderr.write(`wrote ${capture.body.length} bytes to ${opts.output} — send it with \`zoomhook send --data ${opts.output}\`\n`);
  } else {
    process.stdout.write(capture.body);
  }
}
