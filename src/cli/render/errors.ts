// How a failure reads on stderr: one line of what went wrong, one or two of what to do.
import { isZoomhookError } from "../../shared/errors.js";
import { err as c, symbols } from "./style.js";

export function renderError(error: unknown, debug: boolean): string {
  if (isZoomhookError(error)) {
    let text = `${c.red(`${symbols.fail} ${error.message}`)}\n`;
    if (error.hint) text += `${indent(error.hint)}\n`;
    if (debug && error.stack) text += c.dim(`${error.stack}\n`);
    return text;
  }
  const e = error as Error;
  return `${c.red(`${symbols.fail} internal error: ${e?.message ?? String(error)}`)}\n${indent("This is a bug in zoomhook; please report it with the output of --debug.")}\n${debug && e?.stack ? c.dim(`${e.stack}\n`) : ""}`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
