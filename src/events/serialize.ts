// Body serialisation variants used by `send` to probe an endpoint's verification (raw bytes vs re-serialised JSON).
import { usageError } from "../shared/errors.js";
import { cloneJson, isPlainObject } from "./json.js";
import { mulberry32, randomSeed, type Random } from "./random.js";
import { URL_VALIDATION_EVENT } from "./url-validation.js";

export type BodyStyle = "compact" | "pretty" | "escaped-unicode" | "escaped-slashes";

export interface SerializeOptions {
  style?: BodyStyle;
  /** "zoom": event, event_ts, payload first (Zoom's usual order); "shuffled": every object's keys shuffled. */
  keyOrder?: "zoom" | "shuffled";
  seed?: number;
}

const ZOOM_ORDER = ["event", "event_ts", "payload"];
// Zoom's docs show the CRC request the other way round: {"payload":…,"event_ts":…,"event":…}.
const CRC_ORDER = ["payload", "event_ts", "event"];

/**
 * The body as text. Every style parses to the same value, but only "compact" survives
 * JSON.stringify(JSON.parse(body)) unchanged — which is what exposes endpoints that verify a
 * re-serialised body instead of the raw bytes.
 */
export function serializeBody(body: unknown, options: SerializeOptions = {}): string {
  const ordered = options.keyOrder === "shuffled" ? shuffleKeys(body, mulberry32(options.seed ?? randomSeed())) : zoomOrder(body);
  switch (options.style ?? "compact") {
    case "compact":
      return JSON.stringify(ordered);
    case "pretty":
      return JSON.stringify(ordered, null, 2);
    case "escaped-unicode":
      // Outside strings JSON text is pure ASCII, so every non-ASCII code unit is inside a string.
      return JSON.stringify(ordered).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    case "escaped-slashes":
      // "/" can only occur inside strings; "\/" is a legal JSON escape (PHP's json_encode default).
      return JSON.stringify(ordered).replace(/\//g, "\\/");
    default:
      throw usageError("invalid_body_style", `Unknown body style "${String(options.style)}".`, { hint: "Use compact, pretty, escaped-unicode or escaped-slashes." });
  }
}

function zoomOrder(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const out: Record<string, unknown> = {};
  for (const k of body.event === URL_VALIDATION_EVENT ? CRC_ORDER : ZOOM_ORDER) if (k in body) out[k] = body[k];
  for (const k of Object.keys(body)) if (!(k in out)) out[k] = body[k];
  return out;
}

function shuffleKeys(value: unknown, rnd: Random): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rnd));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = shuffleKeys(value[k], rnd);
  return out;
}

/** True when a naive verifier that re-serialises the parsed body would still hash the same bytes. */
export function survivesReserialisation(bodyText: string): boolean {
  try {
    return JSON.stringify(JSON.parse(bodyText)) === bodyText;
  } catch {
    return false;
  }
}

// Free-text fields Zoom allows to be long; padding goes into the first one present.
const PAD_FIELDS = ["agenda", "description", "topic", "name", "message"];
const FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";

/**
 * A copy of the body whose compact JSON is about `kilobytes` KiB, grown inside a legal free-text
 * field (payload.object.agenda/topic/…), so large-body handling can be tested with a valid event.
 * A body already at least that large is returned unchanged (as a copy).
 */
export function padBody(body: Record<string, unknown>, kilobytes: number): Record<string, unknown> {
  const copy = cloneJson(body);
  const target = Math.round(kilobytes * 1024);
  const missing = target - Buffer.byteLength(JSON.stringify(copy));
  if (missing <= 0) return copy;
  const field = findPadField(copy);
  if (!field) throw usageError("cannot_pad", "This event has no free-text field to pad.", { hint: "Pad an event with payload.object (e.g. meeting.created)." });
  const [holder, key] = field;
  const current = holder[key] as string;
  // Filler is plain ASCII, so each character is one byte and needs no escaping.
  holder[key] = current + FILLER.repeat(Math.ceil(missing / FILLER.length)).slice(0, missing);
  return copy;
}

function findPadField(body: Record<string, unknown>): [Record<string, unknown>, string] | undefined {
  const payload = body.payload;
  const object = isPlainObject(payload) ? payload.object : undefined;
  for (const holder of [object, payload]) {
    if (!isPlainObject(holder)) continue;
    for (const k of PAD_FIELDS) if (typeof holder[k] === "string") return [holder, k];
  }
  return undefined;
}
