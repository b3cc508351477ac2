// `zoomhook events`: the catalog by product, one event's sample body, or a filtered list.
import { usageError } from "../../shared/errors.js";
import { getProvider } from "../../providers/registry.js";
import type { CatalogEntry } from "../../providers/types.js";
import { CRC_EVENT } from "../../providers/zoom/crc.js";
import { jsonLine, out } from "../io.js";
import { out as c } from "../render/style.js";

export async function eventsCommand(arg: string | undefined, opts: { json?: boolean; provider?: string }): Promise<void> {
  const provider = getProvider(opts.provider);
  const catalog = await provider.catalog();
  const found = arg ? catalog.find(arg) : undefined;
  if (found) {
    const body = catalog.sample(found.name);
    out(opts.json ? `${JSON.stringify(body)}\n` : `${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const list = catalog.filter(arg ?? "");
  if (list.length === 0) {
    if (arg && !arg.includes("*")) catalog.check(arg); // throws, with "did you mean"
    throw usageError("unknown_event", `No event matches "${arg}".`, {
      hint: `Run \`zoomhook events${provider.name === "zoom" ? "" : ` --provider ${provider.name}`}\` for the whole catalog.`,
    });
  }
  if (opts.json) {
    jsonLine(list);
    return;
  }
  out(renderList(list));
}

/** The URL validation is in the catalog (it can be sent) but is not a webhook event: counted apart, as the README does. */
export function countSentence(list: readonly CatalogEntry[]): string {
  const crc = list.some((e) => e.name === CRC_EVENT);
  const events = list.length - (crc ? 1 : 0);
  return `${events} webhook event${events === 1 ? "" : "s"}${crc ? `, plus ${CRC_EVENT} (Zoom's URL validation challenge)` : ""}.`;
}

function renderList(list: CatalogEntry[]): string {
  const width = Math.min(60, Math.max(...list.map((e) => e.name.length)) + 2);
  let text = "";
  let product = "";
  for (const e of list) {
    if (e.product !== product) {
      product = e.product;
      text += `${text ? "\n" : ""}${c.bold(product)}\n`;
    }
    text += `  ${e.name.padEnd(width)}${c.dim(e.description)}\n`;
  }
  text += c.dim(`\n${countSentence(list)} \`zoomhook events <name>\` prints a sample body; \`zoomhook send <name>\` sends one.\n`);
  return text;
}
