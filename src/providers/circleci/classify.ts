// Decide what a CircleCI delivery is from its event-type header and body, without ever throwing.
import type { Classified, HeaderValues } from "../types.js";

export const EVENT_TYPE_HEADER = "circleci-event-type";
/** The events CircleCI sends: the two documented ones and the test ping. */
export const CIRCLECI_EVENTS = ["workflow-completed", "job-completed", "ping"] as const;

export function classifyCircleci(raw: Uint8Array, headers: HeaderValues): Classified {
  const headerType = headers[EVENT_TYPE_HEADER];
  if (raw.length === 0) return { kind: "malformed", event: headerType, problem: "empty body" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  } catch (err) {
    return { kind: "malformed", event: headerType, problem: `not JSON: ${(err as Error).message}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { kind: "malformed", event: headerType, problem: "JSON but not an object", parsed };
  }
  const body = parsed as Record<string, unknown>;
  const bodyType = typeof body.type === "string" && body.type !== "" ? body.type : undefined;
  const event = headerType ?? bodyType;
  const out: Classified = { kind: "event", event, parsed };
  if (typeof body.id === "string") out.dedupeKey = body.id;
  if (!event) {
    out.kind = "malformed";
    out.problem = `no ${EVENT_TYPE_HEADER} header and no "type" field`;
  } else if (!headerType) {
    out.problem = `no ${EVENT_TYPE_HEADER} header (the body says "${bodyType}")`;
  } else if (bodyType && bodyType !== headerType) {
    out.problem = `${EVENT_TYPE_HEADER} is "${headerType}" but the body's type is "${bodyType}"`;
  } else if (!(CIRCLECI_EVENTS as readonly string[]).includes(event)) {
    out.problem = `"${event}" is not an event type CircleCI documents`;
  }
  return out;
}
