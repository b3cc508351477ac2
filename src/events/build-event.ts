// buildEvent: a fixture with fresh ids (same formats and JSON types) and timestamps near now; the send hot path.
import { createHash } from "node:crypto";
import { usageError } from "../shared/errors.js";
import { fixtureTemplate } from "./fixture-store.js";
import { planFreshening, type FreshenPlan, type PathKey } from "./freshen-plan.js";
import { cloneJson, type JsonObject } from "./json.js";
import { mulberry32, randomBase64Url, randomSeed, reshapeId, type Random } from "./random.js";
import { URL_VALIDATION_EVENT } from "./url-validation.js";

export interface BuildOptions {
  /** "Now" for event_ts and every other timestamp (default Date.now()); relative offsets are kept. */
  nowMs?: number;
  /** Makes the generated ids reproducible (same seed + same nowMs → same body). */
  seed?: number;
  /** One meeting across several sends: object.id (number or string, as the event has it) and a uuid derived from it. */
  meetingId?: string | number;
  /** For endpoint.url_validation; default a random 22-character base64url token. */
  plainToken?: string;
}

/** Events whose payload.object is one meeting or webinar (and its recording): where meetingId applies. */
const MEETINGISH = /^(?:meeting|webinar|recording)\./;
const plans = new Map<string, FreshenPlan>();
const uuids = new Map<string, string>();

/**
 * A meeting uuid derived from the meeting number, so meeting.started, participant_joined, ended and
 * recording.completed of one meeting agree. 16 bytes in base64: 24 characters ending "==", like Zoom's.
 */
export function meetingUuidFor(meetingId: string | number): string {
  const key = String(meetingId);
  let uuid = uuids.get(key);
  if (!uuid) {
    uuid = createHash("sha256").update(`zoomhook-meeting:${key}`).digest().subarray(0, 16).toString("base64");
    uuids.set(key, uuid);
  }
  return uuid;
}

/** A base64url id of `length` characters derived from the meeting number, like Zoom's 22-character user and account ids. */
function derivedId(kind: string, meetingId: string, length: number): string {
  return createHash("sha256").update(`zoomhook-${kind}:${meetingId}`).digest("base64url").slice(0, length);
}

/** The event's fixture with fresh ids and timestamps. Throws unknown_event (with suggestions) for unknown names. */
export function buildEvent(name: string, options: BuildOptions = {}): Record<string, unknown> {
  const template = fixtureTemplate(name);
  let plan = plans.get(name);
  if (!plan) {
    plan = planFreshening(template);
    plans.set(name, plan);
  }
  const body = cloneJson(template);
  const rnd: Random = mulberry32(options.seed ?? randomSeed());
  const delta = plan.baseMs === undefined ? 0 : (options.nowMs ?? Date.now()) - plan.baseMs;

  // Memo by the fixture's text: a value that repeats in the fixture (host_id = operator_id, the uuid in
  // recording_files[].meeting_id) repeats in the result, whatever JSON type each site uses.
  const fresh = new Map<string, string>();
  if (options.meetingId !== undefined && plan.meetingId !== undefined && MEETINGISH.test(String(body.event))) {
    const id = String(options.meetingId).trim();
    if (!/^\d{1,19}$/.test(id)) throw usageError("invalid_meeting_id", `Meeting id "${id}" is not a Zoom meeting number.`, { hint: "Use the digits only, e.g. 85123456789." });
    fresh.set(plan.meetingId, id);
    if (plan.meetingUuid !== undefined) fresh.set(plan.meetingUuid, meetingUuidFor(id));
    // The same meeting has the same account and host in every event of the sequence.
    const payload = template.payload as JsonObject | undefined;
    const object = payload?.object as JsonObject | undefined;
    for (const [kind, original] of [["account", payload?.account_id], ["host", object?.host_id]] as const) {
      if (typeof original === "string" && original !== "") fresh.set(original, derivedId(kind, id, original.length));
    }
  }
  const freshId = (original: string): string => {
    let v = fresh.get(original);
    if (v === undefined) {
      v = reshapeId(original, rnd);
      fresh.set(original, v);
    }
    return v;
  };

  const times = new Map<string, string>();
  for (const op of plan.ops) {
    const parent = resolve(body, op.parent);
    if (!parent) continue;
    switch (op.kind) {
      case "id": {
        const v = freshId(String(op.original));
        set(parent, op.key, typeof op.original === "number" ? Number(v) : v);
        break;
      }
      case "ms-time": {
        const v = Number(op.original) + delta;
        set(parent, op.key, typeof op.original === "number" ? v : String(v));
        break;
      }
      case "iso-time": {
        // Fixtures repeat the same instant (start_time in object and old_object…): format it once.
        let text = times.get(op.original);
        if (text === undefined) {
          const iso = new Date(op.originalMs + delta).toISOString();
          text = op.millis ? iso : `${iso.slice(0, 19)}Z`;
          times.set(op.original, text);
        }
        set(parent, op.key, text);
        break;
      }
      case "embedded": {
        let text = op.original;
        for (const id of op.ids) text = text.split(id).join(freshId(id));
        set(parent, op.key, text);
        break;
      }
    }
  }

  if (body.event === URL_VALIDATION_EVENT) {
    const payload = body.payload as JsonObject;
    payload.plainToken = options.plainToken ?? randomBase64Url(22, rnd);
  }
  return body;
}

function resolve(root: JsonObject, path: PathKey[]): Record<PathKey, unknown> | undefined {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PathKey, unknown>)[k];
  }
  return cur !== null && typeof cur === "object" ? (cur as Record<PathKey, unknown>) : undefined;
}

function set(parent: Record<PathKey, unknown>, key: PathKey, value: unknown): void {
  parent[key] = value;
}
