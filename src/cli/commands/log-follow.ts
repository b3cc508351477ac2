// `zoomhook log --follow`: the newest captures, then every capture as it commits (from every listener of a shared store).
import type { CaptureSummary } from "../../shared/capture.js";
import { matchesEvent } from "../../store/capture-index.js";
import { summariesFor } from "../../store/feed.js";
import { openStoreFor } from "../captures.js";
import { out } from "../io.js";
import { logHeader, logRow, type LogWidths } from "../render/log.js";
import { logQuery, type LogOptions } from "./log.js";

// Rows arrive one at a time, so the columns are sized for any id and kind up front.
const WIDTHS: LogWidths = { id: 18, kind: 8 };

/** Runs until Ctrl-C / SIGTERM. */
export async function followLog(opts: LogOptions): Promise<void> {
  const opened = await openStoreFor(opts.store, { follow: true });
  const seen = new Set<string>();
  const print = (s: CaptureSummary) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    if (seen.size > 10_000) seen.delete(seen.values().next().value!);
    out(opts.json ? `${JSON.stringify({ ...s, provider: s.provider ?? "zoom" })}\n` : logRow(s, WIDTHS));
  };
  const catchUp = async (limit: number) => {
    const list = await opened.reader.list(logQuery(opts, limit));
    for (const s of list.reverse()) print(s);
  };
  if (!opts.json) out(logHeader(WIDTHS));
  await catchUp(opts.limit);
  let chain = Promise.resolve();
  const unsubscribe = opened.feed!.subscribe((e) => {
    chain = chain.then(async () => {
      if (e.type === "status") {
        process.stderr.write(`${e.message}\n`);
        // Captures committed while we were disconnected were never announced to us.
        if (e.up) await catchUp(500);
      } else if (e.type === "cleared") {
        process.stderr.write("The store was cleared.\n");
      } else if (opts.listener !== undefined || opts.verification !== undefined) {
        await catchUp(Math.max(50, e.ids.length * 2));
      } else {
        for (const s of await summariesFor(opened.reader, e.ids)) if (opts.event === undefined || matchesEvent(opts.event, s.event)) print(s);
      }
    }).catch((error: Error) => {
      process.stderr.write(`warning: ${error.message}\n`);
    });
  });
  process.stderr.write(`Following captures in ${opened.spec.display}; Ctrl-C to stop.\n`);
  // A file store's feed polls on an unref'd timer: this one keeps the process waiting for Ctrl-C.
  const alive = setInterval(() => {}, 60_000);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  clearInterval(alive);
  unsubscribe();
  await opened.close();
}
