// Validating the request-making step bodies: send (catalog event, overrides, probes, auth) and replay.
import type { ProviderCatalog, WebhookProvider } from "../providers/types.js";
import type { KeyPath } from "./load.js";
import { shown } from "./problems.js";
import { assignments, bool, int, isObj, knownKeys, oneOf, problem, str, value, type Walk } from "./check-values.js";
import type { AuthSpec, ReplaySpec, SendSpec } from "./types.js";

const SEND_KEYS = [
  "event", "set", "set-string", "data", "headers", "auth", "body-style", "key-order",
  "bad-signature", "no-signature", "stale", "duplicate", "seed", "meeting-id", "vcs",
] as const;

export function validateSend(w: Walk, path: KeyPath, raw: unknown, provider: WebhookProvider, catalog: ProviderCatalog): SendSpec {
  const o = typeof raw === "string" ? { event: raw } : raw;
  if (!isObj(o)) {
    problem(w, path, `expected an event name (send: meeting.created) or a mapping with event, set, data…, got ${shown(raw)}`);
    return { set: [], setString: [] };
  }
  knownKeys(w, path, o, SEND_KEYS);
  const spec: SendSpec = {
    event: str(w, [...path, "event"], o.event),
    set: assignments(w, [...path, "set"], o.set, false),
    setString: assignments(w, [...path, "set-string"], o["set-string"], true),
    data: str(w, [...path, "data"], o.data),
    headers: str(w, [...path, "headers"], o.headers),
    bodyStyle: oneOf(w, [...path, "body-style"], o["body-style"], ["compact", "pretty", "escaped-unicode", "escaped-slashes"] as const),
    keyOrder: oneOf(w, [...path, "key-order"], o["key-order"], ["zoom", "shuffled"] as const),
    badSignature: bool(w, [...path, "bad-signature"], o["bad-signature"]),
    noSignature: bool(w, [...path, "no-signature"], o["no-signature"]),
    stale: int(w, [...path, "stale"], o.stale, 1, "a number of seconds"),
    duplicate: bool(w, [...path, "duplicate"], o.duplicate),
    seed: int(w, [...path, "seed"], o.seed, 0),
    meetingId: o["meeting-id"] === undefined ? undefined : value(w, [...path, "meeting-id"], typeof o["meeting-id"] === "number" ? String(o["meeting-id"]) : o["meeting-id"]),
    variant: oneOf(w, [...path, "vcs"], o.vcs, ["github", "gitlab"] as const),
  };
  if (o.auth !== undefined) spec.auth = validateAuth(w, [...path, "auth"], o.auth);
  if (spec.event === undefined && spec.data === undefined && isObj(raw)) problem(w, path, "expected an event (event: meeting.created) or a fixture file (data: body.json)");
  if (spec.event !== undefined) {
    try {
      catalog.check(spec.event);
    } catch (err) {
      problem(w, typeof raw === "string" ? path : [...path, "event"], `${(err as Error).message}${(err as { hint?: string }).hint ? ` ${(err as { hint?: string }).hint}` : ""}`);
    }
  }
  if (spec.headers !== undefined && !provider.profiles.includes(spec.headers)) {
    problem(w, [...path, "headers"], `expected one of ${provider.title}'s header profiles (${provider.profiles.join(", ")}), got ${shown(spec.headers)}`);
  }
  if (spec.badSignature && spec.noSignature) problem(w, [...path, "no-signature"], "bad-signature and no-signature cannot both be set: pick one");
  if (spec.stale !== undefined && spec.noSignature) problem(w, [...path, "stale"], "stale signs with an old timestamp, so it cannot go with no-signature");
  const zoomOnly: Array<[boolean, string]> = [
    [spec.headers === "legacy", "headers"],
    [spec.meetingId !== undefined, "meeting-id"],
    [Boolean(spec.auth && (spec.auth.basic || spec.auth.custom)), "auth"],
  ];
  if (provider.name !== "zoom") for (const [used, key] of zoomOnly) if (used) problem(w, [...path, key], `is Zoom's; this scenario's provider is ${provider.name}`);
  if (provider.name === "zoom" && spec.variant !== undefined) problem(w, [...path, "vcs"], "picks a CircleCI payload variant; this scenario's provider is zoom");
  return spec;
}

function validateAuth(w: Walk, path: KeyPath, raw: unknown): AuthSpec | undefined {
  if (!isObj(raw)) {
    problem(w, path, `expected a mapping with basic, bearer or custom, got ${shown(raw)}`);
    return undefined;
  }
  knownKeys(w, path, raw, ["basic", "bearer", "custom"]);
  const auth: AuthSpec = {};
  if (raw.basic !== undefined) {
    if (typeof raw.basic === "string" && raw.basic.indexOf(":") > 0) {
      const i = raw.basic.indexOf(":");
      auth.basic = { user: value(w, [...path, "basic"], raw.basic.slice(0, i)), password: value(w, [...path, "basic"], raw.basic.slice(i + 1)) };
    } else if (isObj(raw.basic) && typeof raw.basic.user === "string" && typeof raw.basic.password === "string") {
      auth.basic = { user: value(w, [...path, "basic", "user"], raw.basic.user), password: value(w, [...path, "basic", "password"], raw.basic.password) };
    } else problem(w, [...path, "basic"], `expected user:password or { user, password }, got ${shown(raw.basic)}`);
  }
  if (raw.bearer !== undefined) {
    if (typeof raw.bearer === "string" && raw.bearer) auth.bearer = value(w, [...path, "bearer"], raw.bearer);
    else problem(w, [...path, "bearer"], `expected a token, got ${shown(raw.bearer)}`);
  }
  if (auth.basic && auth.bearer) problem(w, [...path, "bearer"], "basic and bearer both set the authorization header: pick one");
  if (raw.custom !== undefined) {
    if (!isObj(raw.custom)) problem(w, [...path, "custom"], `expected a mapping of x-name → value, got ${shown(raw.custom)}`);
    else {
      auth.custom = Object.entries(raw.custom).map(([name, v]) => {
        if (!/^x-[a-z0-9-]+$/i.test(name) || /^x-zm-/i.test(name)) {
          problem(w, [...path, "custom", name], "expected a header name starting with x- (and not one of Zoom's own x-zm- headers)");
        }
        return { name: name.toLowerCase(), value: value(w, [...path, "custom", name], typeof v === "string" ? v : String(v)) };
      });
    }
  }
  return auth;
}

export function validateReplay(w: Walk, path: KeyPath, raw: unknown): ReplaySpec {
  const o = typeof raw === "string" ? { step: raw } : raw;
  if (!isObj(o)) {
    problem(w, path, `expected a step name (replay: created) or a mapping with step or capture, got ${shown(raw)}`);
    return { set: [], setString: [] };
  }
  knownKeys(w, path, o, ["step", "capture", "store", "set", "set-string", "keep-signature", "same-id"]);
  const spec: ReplaySpec = {
    step: str(w, [...path, "step"], o.step),
    capture: o.capture === undefined ? undefined : value(w, [...path, "capture"], String(o.capture)),
    store: str(w, [...path, "store"], o.store),
    set: assignments(w, [...path, "set"], o.set, false),
    setString: assignments(w, [...path, "set-string"], o["set-string"], true),
    keepSignature: bool(w, [...path, "keep-signature"], o["keep-signature"]),
    sameId: bool(w, [...path, "same-id"], o["same-id"]),
  };
  if ((spec.step === undefined) === (spec.capture === undefined)) problem(w, path, "expected exactly one of step (an earlier step's delivery) or capture (an id, or last)");
  if (spec.step !== undefined) {
    const type = w.earlier.get(spec.step);
    if (type === undefined) {
      problem(w, [...path, "step"], w.allNames.has(spec.step) ? `step "${spec.step}" comes later; replay an earlier step` : `there is no step named "${spec.step}"`);
    } else if (type !== "send" && type !== "replay") problem(w, [...path, "step"], `step "${spec.step}" is a ${type} step; replay takes a send or replay step`);
    else w.needs.add(spec.step);
  }
  if (spec.keepSignature && (spec.set.length > 0 || spec.setString.length > 0)) problem(w, [...path, "keep-signature"], "an edited body must be re-signed: drop keep-signature or the edits");
  return spec;
}
