// `zoomhook log`: list captures newest first, or empty the store (--clear), through the listener that owns it.
import { createInterface } from "node:readline/promises";
import type { CaptureSummary } from "../../shared/capture.js";
import { usageError } from "../../shared/errors.js";
import { openReader } from "../captures.js";
import { jsonLine, out } from "../io.js";
import { inert } from "../render/inert.js";
import { out as c } from "../render/style.js";

interface LogOptions {
  limit: number;
  event?: string;
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
    const list = await reader.list({ limit: opts.limit, event: opts.event });
    if (opts.json) return jsonLine(list.map((s) => ({ ...s, provider: s.provider ?? "zoom" })));
    if (list.length === 0) {
      out(c.dim(`No captures in ${dir}${opts.event ? ` matching ${opts.event}` : ""}.\n`));
      return;
    }
    for (const s of list) out(line(s));
    const total = await reader.count();
    if (total > list.length) out(c.dim(`${list.length} of ${total} shown (--limit for more)\n`));
  } finally {
    await reader.close();
  }
}

function line(s: CaptureSummary): string {
  const ok = s.status >= 200 && s.status < 300;
  const fwd = s.forward ? `app ${s.forward.status ?? inert(s.forward.error ?? "")}` : "";
  const kind = s.kind === "event" ? (s.provider && s.provider !== "zoom" ? s.provider : "") : s.kind.toUpperCase();
  return `${s.id}  ${c.dim(s.receivedAt.replace("T", " ").slice(0, 19))}  ${kind.padEnd(9)}${inert(s.event ?? s.path).padEnd(36)} ${s.verification.padEnd(10)} ${ok ? c.green(s.status) : c.red(s.status)}  ${fwd}${s.replayOf ? c.dim(` replay of ${inert(s.replayOf)}`) : ""}\n`;
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
