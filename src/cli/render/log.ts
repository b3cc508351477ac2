// `zoomhook log`'s table: a header row, then one row per capture, columns always at least two spaces apart.
import type { CaptureSummary } from "../../shared/capture.js";
import { inert } from "./inert.js";
import { out as c } from "./style.js";

/**
 * The one verdict word shown for a request in the terminal, `log` and the inspector's list: a body that
 * is not a webhook event is "malformed" whatever its signature; otherwise the signature's verdict.
 */
export function verdictWord(s: Pick<CaptureSummary, "kind" | "verification">): string {
  return s.kind === "malformed" ? "malformed" : s.verification;
}

const EVENT_WIDTH = 36;
const VERDICT_WIDTH = 10;

/** The narrow column before the event: CRC for a handshake, WS for a WebSocket frame, the provider's name for a non-Zoom event. */
function kindOf(s: CaptureSummary): string {
  if (s.kind === "crc") return "CRC";
  if (s.via === "websocket") return "WS";
  return s.provider && s.provider !== "zoom" ? s.provider : "";
}

export interface LogWidths {
  id: number;
  kind: number;
}

export function logWidths(list: readonly CaptureSummary[]): LogWidths {
  return { id: Math.max(2, ...list.map((s) => s.id.length)), kind: Math.max(0, ...list.map((s) => kindOf(s).length)) };
}

function cells(w: LogWidths, id: string, received: string, kind: string, event: string, verdict: string, status: string, app: string): string[] {
  return [id.padEnd(w.id), received.padEnd(19), kind.padEnd(w.kind), event.padEnd(EVENT_WIDTH), verdict.padEnd(VERDICT_WIDTH), status.padEnd(6), app];
}

/** Joined two spaces apart; without any kind to show, that column is left out. */
function join(w: LogWidths, row: string[]): string {
  return (w.kind === 0 ? row.filter((_, i) => i !== 2) : row).join("  ").trimEnd();
}

export function logHeader(w: LogWidths): string {
  return `${c.dim(join(w, cells(w, "ID", "RECEIVED (UTC)", "", "EVENT", "VERDICT", "STATUS", "APP")))}\n`;
}

export function logRow(s: CaptureSummary, w: LogWidths): string {
  const ok = s.status >= 200 && s.status < 300;
  const app = s.forward ? String(s.forward.status ?? inert(s.forward.error ?? "")) : "";
  const row = cells(w, s.id, s.receivedAt.replace("T", " ").slice(0, 19), kindOf(s), inert(s.event ?? s.path), verdictWord(s), String(s.status), app);
  row[1] = c.dim(row[1]!);
  row[5] = ok ? c.green(row[5]!) : c.red(row[5]!);
  return `${join(w, row)}${s.replayOf ? c.dim(`  replay of ${inert(s.replayOf)}`) : ""}\n`;
}
