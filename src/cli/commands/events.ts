// `zoomhook events`: the catalog by product, one event's sample body, or a filtered list.
import { usageError } from "../../shared/errors.js";
import { filterEvents, findEvent, loadFixture, suggestEvents, type CatalogEntry } from "../../events/index.js";
import { jsonLine, out } from "../io.js";
import { out as c } from "../render/style.js";

export async function eventsCommand(arg: string | undefined, opts: { json?: boolean }): Promise<void> {
  if (arg && findEvent(arg)) {
    const body = loadFixture(findEvent(arg)!.name);
    out(opts.json ? `${JSON.stringify(body)}\n` : `${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const list = filterEvents(arg ?? "");
  if (list.length === 0) {
    const suggestions = suggestEvents(arg ?? "");
    throw usageError("unknown_event", `No event matches "${arg}".`, {
      hint: suggestions.length ? `Did you mean ${suggestions.join(", ")}?` : "Run `zoomhook events` for the whole catalog.",
    });
  }
  if (opts.json) {
    jsonLine(list);
    return;
  }
  out(renderList(list));
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
  text += c.dim(`\n${list.length} events. \`zoomhook events <name>\` prints a sample body; \`zoomhook send <name>\` sends one.\n`);
  return text;
}
