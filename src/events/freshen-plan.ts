// Works out once per fixture which fields buildEvent must refresh (ids, timestamps, ids inside URLs).
import { isPlainObject, type JsonObject, type JsonValue } from "./json.js";

export type PathKey = string | number;

/** One field to refresh: where it is and what the fixture holds there. */
export type FreshenOp =
  | { kind: "id"; parent: PathKey[]; key: PathKey; original: string | number }
  | { kind: "iso-time"; parent: PathKey[]; key: PathKey; original: string; originalMs: number; millis: boolean }
  | { kind: "ms-time"; parent: PathKey[]; key: PathKey; original: number | string }
  | { kind: "embedded"; parent: PathKey[]; key: PathKey; original: string; ids: string[] };

export interface FreshenPlan {
  ops: FreshenOp[];
  /** The fixture's own "now" (event_ts), which every timestamp is shifted relative to. */
  baseMs: number | undefined;
  /** The meeting/webinar number and uuid as the fixture writes them, for BuildOptions.meetingId. */
  meetingId: string | undefined;
  meetingUuid: string | undefined;
}

// Keys Zoom uses for identifiers: account_id, host_id, uuid, participant_uuid, userId, robotJid,
// download_token, plainToken… Anything shorter than 4 characters is an enum, not an id.
const ID_KEY = /(?:^|_)(?:id|uuid|jid|token)$|(?:Id|Uuid|UUID|ID|Jid|Token)$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const URLISH_KEY = /(?:url|link|uri)$/i;
// Plausible millisecond epochs (2017–2049): occurrence_id, event_ts, time_stamp, date_time numbers.
const MS_MIN = 1.5e12;
const MS_MAX = 2.5e12;
const NUMBER_ID_KEYS = new Set(["id", "meeting_id", "webinar_id", "pmi"]);

function isMsEpoch(value: JsonValue, key: PathKey): boolean {
  if (typeof key === "string" && NUMBER_ID_KEYS.has(key)) return false;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{13}$/.test(value) ? Number(value) : NaN;
  return n >= MS_MIN && n <= MS_MAX;
}

export function planFreshening(fixture: JsonObject): FreshenPlan {
  const ops: FreshenOp[] = [];
  const urlFields: { parent: PathKey[]; key: PathKey; original: string }[] = [];

  const visit = (value: JsonValue, parent: PathKey[], key: PathKey, idKey: boolean): void => {
    if (Array.isArray(value)) {
      const here = [...parent, key];
      value.forEach((v, i) => visit(v, here, i, idKey));
      return;
    }
    if (isPlainObject(value)) {
      const here = parent.length === 0 && key === "" ? [] : [...parent, key];
      for (const [k, v] of Object.entries(value)) visit(v, here, k, ID_KEY.test(k));
      return;
    }
    if (isMsEpoch(value, key)) ops.push({ kind: "ms-time", parent, key, original: value as number | string });
    else if (typeof value === "string" && ISO_TIME.test(value)) ops.push({ kind: "iso-time", parent, key, original: value, originalMs: Date.parse(value), millis: value.length > 20 });
    else if (idKey && (typeof value === "string" ? value.length >= 4 : typeof value === "number" && Number.isSafeInteger(value) && value >= 1000)) {
      ops.push({ kind: "id", parent, key, original: value as string | number });
    } else if (typeof value === "string" && typeof key === "string" && URLISH_KEY.test(key)) urlFields.push({ parent, key, original: value });
  };
  visit(fixture, [], "", false);

  // Zoom repeats ids inside URLs (join_url …/j/85123456789, share_url …): refresh those with the ids.
  const idTexts = [...new Set(ops.filter((o) => o.kind === "id").map((o) => String(o.original)))].filter((t) => t.length >= 6);
  for (const f of urlFields) {
    const ids = idTexts.filter((t) => f.original.includes(t));
    if (ids.length) ops.push({ kind: "embedded", ...f, ids });
  }

  const payload = isPlainObject(fixture.payload) ? fixture.payload : undefined;
  const object = payload && isPlainObject(payload.object) ? payload.object : undefined;
  const ts = typeof fixture.event_ts === "number" ? fixture.event_ts : typeof payload?.event_ts === "number" ? payload.event_ts : undefined;
  const firstMs = ops.find((o) => o.kind === "ms-time");
  const meetingIdValue = object ? (object.id ?? object.meeting_id) : undefined;
  const meetingUuidValue = object ? (object.uuid ?? object.meeting_uuid) : undefined;
  return {
    ops,
    baseMs: ts ?? (firstMs ? Number(firstMs.original) : undefined),
    meetingId: (typeof meetingIdValue === "number" || (typeof meetingIdValue === "string" && /^\d+$/.test(meetingIdValue))) ? String(meetingIdValue) : undefined,
    meetingUuid: typeof meetingUuidValue === "string" ? meetingUuidValue : undefined,
  };
}
