// Module resolve hook (runs on the loader thread): appends every resolved module URL to $ZOOMHOOK_BENCH_IMPORT_LOG.
import { appendFileSync } from "node:fs";

type Resolved = { url: string };
type Next = (specifier: string, context: unknown) => Promise<Resolved>;

export async function resolve(specifier: string, context: unknown, next: Next): Promise<Resolved> {
  const result = await next(specifier, context);
  const log = process.env.ZOOMHOOK_BENCH_IMPORT_LOG;
  if (log) appendFileSync(log, `${result.url}\n`);
  return result;
}
