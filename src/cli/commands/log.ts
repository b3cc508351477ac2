// `zoomhook log`: list captures newest first, or empty the store (--clear), through the listener that owns it.
import { createInterface } from "node:readline/promises";
import type { CaptureQuery } from "../../shared/capture.js";
import { usageError } from "../../shared/errors.js";
import type { Kind, Verification } from "../../shared/vocabulary.js";
import { openReader } from "../captures.js";
import { jsonLine, out } from "../io.js";
import { logHeader, logRow, logWidths } from "../render/log.js";
import { out as c } from "../render/style.js";

interface LogOptions {
  limit: number;
  event?: string;
  /** A signature verdict, or `crc` / `malformed` (kinds), as the inspector's verdict filter. */
  verification?: Verification | Extract<Kind, "crc" | "malformed">;
  json?: boolean;
  clear?: boolean;
  yes?: boolean;
  store?: string;
}

export async function logCommand(opts: LogOptions): Promise<void> {
  const { dir, reader } = await openReader(opts.store);
  if (opts.clear) {
    await reader.close();
    await clearStore(dir, opts.yes);
    return;
  }
  try {
    const query: CaptureQuery = { limit: opts.limit, event: opts.event };
    const v = opts.verification;
    if (v === "crc" || v === "malformed") query.kind = v;
    else if (v) query.verification = v;
    const list = await reader.list(query);
    if (opts.json) return jsonLine(list.map((s) => ({ ...s, provider: s.provider ?? "zoom" })));
    if (list.length === 0) {
      const filters = [opts.event, v].filter(Boolean).join(", ");
      out(c.dim(`No captures in ${dir}${filters ? ` matching ${filters}` : ""}.\n`));
      return;
    }
    const widths = logWidths(list);
    out(logHeader(widths) + list.map((s) => logRow(s, widths)).join(""));
    const total = await reader.count();
    if (total > list.length) out(c.dim(`${list.length} of ${total} shown (--limit for more)\n`));
  } finally {
    await reader.close();
  }
}

async function clearStore(dir: string, yes: boolean | undefined): Promise<void> {
  if (!yes) {
    if (!process.stdin.isTTY) throw usageError("needs_yes", "Refusing to clear captures without confirmation.", { hint: "Add --yes." });
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Delete every capture in ${dir}? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) return;
  }
  const { clearStore: clear } = await import("../../session/clear-store.js");
  const done = await clear(dir);
  out(done.via === "listener" ? `Cleared ${dir} (through the running listener, pid ${done.pid}).\n` : `Cleared ${dir}.\n`);
}
