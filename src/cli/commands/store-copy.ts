// `zoomhook store copy`: every capture from one store into another, oldest first, skipping ids already there.
import { usageError } from "../../shared/errors.js";
import { openStoreFor } from "../captures.js";
import { jsonLine, out } from "../io.js";

interface CopyOptions {
  from: string;
  to: string;
  json?: boolean;
}

// Appends in flight at once: enough to fill the target's batches, few enough to bound memory.
const WINDOW = 200;

export async function storeCopyCommand(opts: CopyOptions): Promise<void> {
  const from = await openStoreFor(opts.from);
  try {
    const to = await openStoreFor(opts.to, { mode: "write" });
    try {
      if (from.spec.display === to.spec.display) throw usageError("same_store", "--from and --to name the same store.");
      const have = new Set((await to.reader.list()).map((s) => s.id));
      const ids = (await from.reader.list()).map((s) => s.id).reverse();
      const todo = ids.filter((id) => !have.has(id));
      const progress = process.stderr.isTTY && !opts.json ? (n: number) => process.stderr.write(`\rcopied ${n} of ${todo.length}`) : undefined;
      let copied = 0;
      let vanished = 0;
      for (let i = 0; i < todo.length; i += WINDOW) {
        const window = todo.slice(i, i + WINDOW);
        const captures = await Promise.all(window.map((id) => from.reader.get(id)));
        await Promise.all(captures.map((c) => (c ? to.writer!.append(c).then(() => copied++) : vanished++)));
        progress?.(copied);
      }
      if (progress) process.stderr.write("\n");
      const skipped = ids.length - todo.length;
      if (opts.json) return jsonLine({ from: from.spec.display, to: to.spec.display, copied, skipped, vanished });
      out(`Copied ${copied} capture${copied === 1 ? "" : "s"} from ${from.spec.display} to ${to.spec.display}${skipped ? ` (${skipped} already there)` : ""}.\n`);
      // Retention may delete captures meanwhile (a live listener's store): those are simply gone.
      if (vanished) out(`${vanished} disappeared from the source while copying.\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
