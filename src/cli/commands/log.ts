// `zoomhook log`: list captures newest first, follow them as they commit (--follow), or empty the store (--clear).
import { createInterface } from "node:readline/promises";
import type { SharedStoreQuery } from "../../shared/capture.js";
import { usageError } from "../../shared/errors.js";
import type { Kind, Verification } from "../../shared/vocabulary.js";
import { chooseStore, openChosenStore, openStoreFor } from "../captures.js";
import { jsonLine, out } from "../io.js";
import { logHeader, logRow, logWidths } from "../render/log.js";
import { out as c } from "../render/style.js";

export interface LogOptions {
  limit: number;
  event?: string;
  /** A signature verdict, or `crc` / `malformed` (kinds), as the inspector's verdict filter. */
  verification?: Verification | Extract<Kind, "crc" | "malformed">;
  /** A shared store: only this listener's captures (its session id, or its host). */
  listener?: string;
  follow?: boolean;
  json?: boolean;
  clear?: boolean;
  yes?: boolean;
  store?: string;
}

/** The filters as a store query (the verdict filter's crc and malformed are kinds). */
export function logQuery(opts: LogOptions, limit: number): SharedStoreQuery {
  const query: SharedStoreQuery = { limit, event: opts.event, listener: opts.listener };
  const v = opts.verification;
  if (v === "crc" || v === "malformed") query.kind = v;
  else if (v) query.verification = v;
  return query;
}

export async function logCommand(opts: LogOptions): Promise<void> {
  if (opts.clear) return clearStore(opts.store, opts.yes);
  if (opts.follow) return (await import("./log-follow.js")).followLog(opts);
  const opened = await openStoreFor(opts.store);
  if (opts.listener !== undefined && !opened.shared) {
    await opened.close();
    throw usageError("not_shared", "--listener filters a shared (postgres://) store; a file store has one listener.");
  }
  const dir = opened.spec.display;
  try {
    const list = await opened.reader.list(logQuery(opts, opts.limit));
    if (opts.json) return jsonLine(list.map((s) => ({ ...s, provider: s.provider ?? "zoom" })));
    if (list.length === 0) {
      const filters = [opts.event, opts.verification, opts.listener].filter(Boolean).join(", ");
      out(c.dim(`No captures in ${dir}${filters ? ` matching ${filters}` : ""}.\n`));
      return;
    }
    const widths = logWidths(list);
    out(logHeader(widths) + list.map((s) => logRow(s, widths)).join(""));
    // Counting is the one query that grows with the store: only when the list may be cut short.
    const total = list.length === opts.limit ? await opened.reader.count() : list.length;
    if (total > list.length) out(c.dim(`${list.length} of ${total} shown (--limit for more)\n`));
  } finally {
    await opened.close();
  }
}

async function clearStore(storeFlag: string | undefined, yes: boolean | undefined): Promise<void> {
  const chosen = await chooseStore(storeFlag);
  const { parseStoreSpec } = await import("../../store/spec.js");
  const spec = parseStoreSpec(chosen, process.cwd());
  if (spec.kind === "file") {
    if (!(await confirmed(yes, `Delete every capture in ${spec.display}?`))) return;
    const { clearStore: clear } = await import("../../session/clear-store.js");
    const done = await clear(spec.dir);
    out(done.via === "listener" ? `Cleared ${spec.display} (through the running listener, pid ${done.pid}).\n` : `Cleared ${spec.display}.\n`);
    return;
  }
  // A shared store has no owner: any process may clear it, and listeners' inspectors hear of it. It is
  // opened before the question, so a database that cannot be reached says so first.
  const shared = await openChosenStore(chosen, { mode: "write" });
  try {
    if (!(await confirmed(yes, `Delete every capture (every listener's) in ${spec.display}?`))) return;
    await shared.writer!.clear();
  } finally {
    await shared.close();
  }
  out(`Cleared ${spec.display}.\n`);
}

/** --yes, or a "y" typed at the terminal; without a terminal, a usage error. */
async function confirmed(yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw usageError("needs_yes", "Refusing to clear captures without confirmation.", { hint: "Add --yes." });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
