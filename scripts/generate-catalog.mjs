#!/usr/bin/env node
// Regenerates the Zoom event catalog (src/events/catalog.generated.ts) and sample fixtures from @zoom/rivet's .d.ts files.
//
// Usage: node scripts/generate-catalog.mjs [--check]
//
// What it reads: node_modules/@zoom/rivet/<product>/<product>.d.ts (type declarations only; Rivet is
// never imported at runtime and none of its files are copied). Every `type XEvent = Event<"name"> & {…}`
// is a webhook event. The TypeScript compiler API resolves each type's structure, and a sample body is
// built from it: literal unions pick their first member, optional properties are included (so the
// type-check test covers them), and strings/numbers get plausible values chosen from the property name.
//
// What it writes:
//   - src/events/catalog.generated.ts — one entry per event, sorted by product then name.
//   - fixtures/events/<name>.json      — one sample body per event.
//
// Hand-curated fixtures: the names in CURATED below are written by hand with realistic values. This
// script never overwrites them; if one is missing it writes the generated sample as a starting point
// and says so. To curate another event, add its name to CURATED, then edit its JSON file.
// `endpoint.url_validation` has no Rivet type (Zoom's CRC request); its catalog entry is added here
// and its fixture is curated.
//
// Output is deterministic (values are seeded from the event name), so re-running only changes files
// when Rivet changes. `--check` writes nothing and exits 1 when an output would change.
import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const ts = require("typescript");
const rivetDir = join(root, "node_modules", "@zoom", "rivet");
const rivetVersion = JSON.parse(readFileSync(join(rivetDir, "package.json"), "utf8")).version;
const fixturesDir = join(root, "fixtures", "events");
const catalogFile = join(root, "src", "events", "catalog.generated.ts");
const checkOnly = process.argv.includes("--check");

/** Rivet product folders that declare webhook events (commerce declares none in 0.4.0). */
const PRODUCTS = ["accounts", "chatbot", "marketplace", "meetings", "phone", "teamchat", "users", "videosdk"];

export const CURATED = new Set([
  "endpoint.url_validation",
  "meeting.created", "meeting.updated", "meeting.deleted", "meeting.started", "meeting.ended",
  "meeting.participant_joined", "meeting.participant_left", "meeting.sharing_started",
  "recording.started", "recording.completed", "recording.transcript_completed",
  "webinar.created", "webinar.started", "webinar.ended", "webinar.registration_created",
  "webinar.participant_joined",
  "user.created", "user.updated", "user.deactivated",
  "app_deauthorized",
  "meeting.participant_joined_waiting_room", "meeting.registration_created",
  "recording.stopped", "meeting.chat_message_sent",
]);

/** Hand-written one-liners where the name alone reads poorly. */
const DESCRIPTIONS = {
  "endpoint.url_validation": "Zoom validates the endpoint URL (CRC challenge)",
  "app_deauthorized": "A user or admin removed (deauthorized) the app",
  "meeting.participant_joined": "A participant joined a meeting",
  "meeting.participant_left": "A participant left a meeting",
  "meeting.sharing_started": "A participant started sharing their screen in a meeting",
  "meeting.sharing_ended": "A participant stopped sharing their screen in a meeting",
  "recording.completed": "A cloud recording finished processing and is ready to download",
  "recording.transcript_completed": "A cloud recording's audio transcript is ready",
  "webinar.participant_joined": "An attendee joined a webinar",
  "webinar.registration_created": "Someone registered for a webinar",
  "user.deactivated": "A user was deactivated",
  "chat_message.replied": "Someone replied to a chat message",
};

const SUBJECTS = {
  meeting: "meeting", webinar: "webinar", recording: "cloud recording", user: "user", account: "account",
  group: "group", session: "Video SDK session", phone: "Zoom Phone", chat_channel: "chat channel",
  chat_message: "chat message", team_chat: "team chat", app: "app", bot: "chatbot", contact: "contact",
  role: "role", im_group: "IM group", information_barriers: "information barrier", chatbot: "chatbot",
};

const ACRONYMS = { tsp: "TSP", jbh: "join-before-host", dm: "DM", sms: "SMS", url: "URL", sso: "SSO", ai: "AI", cc: "CC", pmi: "PMI", sip: "SIP", ivr: "IVR" };

function describe(name, product) {
  if (DESCRIPTIONS[name]) return DESCRIPTIONS[name];
  const [head, ...rest] = name.split(".");
  const subject = SUBJECTS[head] ?? head.replace(/_/g, " ");
  const words = (rest.length ? rest.join(" ") : head).split("_").map((w) => ACRONYMS[w] ?? w).join(" ");
  if (!rest.length) return `${cap(words)} (${product})`;
  if (/^[a-z]+ed$/.test(words)) {
    const article = /^[aeio]/i.test(subject) ? "An" : "A";
    return `${article} ${subject} was ${words}`;
  }
  return `${cap(subject)}: ${words}`;
}
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// --- discovery ---------------------------------------------------------------------------------
const files = PRODUCTS.map((p) => join(rivetDir, p, `${p}.d.ts`));
const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true, target: ts.ScriptTarget.ES2022 });
const checker = program.getTypeChecker();

const events = [];
for (const product of PRODUCTS) {
  const sf = program.getSourceFile(join(rivetDir, product, `${product}.d.ts`));
  for (const stmt of sf.statements) {
    // Two spellings in Rivet: `type X = Event<"name"> & {…}` and `interface X extends Event<"name"> {…}`.
    let text;
    if (ts.isTypeAliasDeclaration(stmt)) text = stmt.type.getText(sf);
    else if (ts.isInterfaceDeclaration(stmt) && stmt.heritageClauses) text = stmt.heritageClauses.map((h) => h.getText(sf).replace(/^extends\s+/, "")).join(",");
    else continue;
    const m = /^Event<"([^"]+)">/.exec(text);
    if (!m) continue;
    events.push({ name: m[1], product, rivetType: stmt.name.text, rivetModule: `@zoom/rivet/${product}`, node: stmt });
  }
}

// --- sample values -----------------------------------------------------------------------------
const BASE_MS = 1739923527913; // 2025-02-19T00:05:27.913Z — one instant shared by every generated sample
const FIRST = ["Jill", "Omar", "Priya", "Lucas", "Mei", "Kwame", "Sofia", "Noah", "Aiko", "Mateo"];
const LAST = ["Chill", "Haddad", "Raman", "Moreau", "Chen", "Mensah", "Rossi", "Keller", "Sato", "Silva"];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashString(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function makeSampler(eventName) {
  const rnd = mulberry32(hashString(eventName));
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join("");
  const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const digits = (n) => String(1 + Math.floor(rnd() * 9)) + chars("0123456789", n - 1);
  // One value per role, so host_id/operator_id/account_id repeat consistently within a body.
  const shared = new Map();
  const once = (key, make) => (shared.has(key) ? shared.get(key) : (shared.set(key, make()), shared.get(key)));
  const person = once("person", () => ({ first: pick(FIRST), last: pick(LAST) }));
  const iso = (offsetMin = 0) => new Date(BASE_MS + offsetMin * 60000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const isMeetingish = /^(meeting|webinar|recording)\./.test(eventName);

  function stringFor(key, path) {
    const k = key.toLowerCase();
    if (k === "account_id") return once("account", () => chars(B64URL, 22));
    if (k === "host_id" || k === "operator_id" || k === "owner_id" || k === "creator_id") return once("host", () => chars(B64URL, 22));
    if (k.includes("uuid")) return once(`uuid:${k}`, () => chars(B64, 22) + "==");
    if (k.includes("email") || k === "operator" || k === "owner") return `${person.first.toLowerCase()}.${person.last.toLowerCase()}@example.com`;
    if (k === "id" && isMeetingish && path.length <= 3) return once("meeting_id", () => digits(11));
    if (k === "meeting_id" || k === "webinar_id") return once("meeting_id", () => digits(11));
    if (k === "user_id" || k.endsWith("_user_id")) return once(`user:${k}`, () => chars(B64URL, 22));
    if (k === "id" || k.endsWith("_id") || k.endsWith("id")) return chars(B64URL, 22);
    if (k.endsWith("_time") || k.endsWith("_start") || k.endsWith("_end") || k === "timestamp" || k.endsWith("_date") || k === "date_time" || k.endsWith("_at")) return iso(path.length);
    if (k.endsWith("url") || k.endsWith("_link") || k === "link") return `https://example.com/${path.slice(-2).join("/")}`;
    if (k === "timezone") return "America/Los_Angeles";
    if (k.includes("phone_number") || k.endsWith("_number") || k === "caller_number" || k === "callee_number") return "+14155550123";
    if (k === "first_name") return person.first;
    if (k === "last_name") return person.last;
    if (k.includes("name")) return `${person.first} ${person.last}`;
    if (k === "topic" || k === "subject" || k === "title") return "Weekly sync";
    if (k.includes("token")) return chars(B64URL, 32);
    if (k === "password" || k === "passcode") return chars("0123456789", 6);
    if (k.includes("country")) return "US";
    if (k === "language" || k === "locale") return "en-US";
    if (k === "ip_address" || k === "public_ip" || k === "private_ip" || k === "ip") return "192.0.2.10";
    return `sample ${key.replace(/_/g, " ")}`;
  }

  function numberFor(key) {
    const k = key.toLowerCase();
    if (k === "event_ts" || k === "time_stamp" || k.endsWith("_ts") || k.endsWith("timestamp")) return BASE_MS;
    if (k === "id" && isMeetingish) return Number(once("meeting_id", () => digits(11)));
    if (k === "meeting_id" || k === "webinar_id" || k === "pmi") return Number(once("meeting_id", () => digits(11)));
    if (k.includes("duration")) return 30;
    if (k.includes("size")) return 1048576;
    if (k.includes("count") || k.includes("total")) return 2;
    if (k === "id" || k.endsWith("_id")) return Number(digits(8));
    return 1;
  }

  function sample(type, key, path, depth) {
    if (depth > 12) return null;
    if (type.flags & ts.TypeFlags.Union) {
      const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return true;
      const literal = members.find((t) => t.isLiteral && t.isLiteral());
      return sample(literal ?? members[0], key, path, depth);
    }
    if (type.isStringLiteral()) return type.value;
    if (type.isNumberLiteral()) return type.value;
    if (type.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type) === "true";
    if (type.flags & ts.TypeFlags.Boolean) return true;
    if (type.flags & ts.TypeFlags.String) return stringFor(key, path);
    if (type.flags & ts.TypeFlags.Number) return numberFor(key);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return {};
    if (type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) return null;
    // Rivet declares a few timestamps as Date; on the wire (JSON) they are ISO strings.
    if (type.symbol?.name === "Date") return stringFor("date_time", path);
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type);
      return [sample(element, key, [...path, "0"], depth + 1)];
    }
    if (checker.isTupleType(type)) return checker.getTypeArguments(type).map((t, i) => sample(t, key, [...path, String(i)], depth + 1));
    if (type.flags & ts.TypeFlags.Object || type.flags & ts.TypeFlags.Intersection) {
      const out = {};
      for (const prop of checker.getPropertiesOfType(type)) {
        const propType = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
        // An optional property whose only type is undefined (Rivet has a few) cannot carry a value: omit it.
        if (propType.flags & ts.TypeFlags.Never) continue;
        out[prop.name] = sample(propType, prop.name, [...path, prop.name], depth + 1);
      }
      return out;
    }
    throw new Error(`${eventName}: cannot sample ${checker.typeToString(type)} at ${path.join(".")}`);
  }

  return (type) => sample(type, "", [], 0);
}

/** Zoom sends event, event_ts, payload, then the rest; keep that order so fixtures read like deliveries. */
function orderTopLevel(body) {
  const out = {};
  for (const k of ["event", "event_ts", "payload"]) if (k in body) out[k] = body[k];
  for (const k of Object.keys(body)) if (!(k in out)) out[k] = body[k];
  return out;
}

// --- write -------------------------------------------------------------------------------------
const changed = [];
function writeIfChanged(file, text) {
  const old = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (old === text) return;
  changed.push(file.slice(root.length + 1));
  if (!checkOnly) writeFileSync(file, text);
}

if (!checkOnly) mkdirSync(fixturesDir, { recursive: true });
const notes = [];
for (const ev of events) {
  const type = checker.getTypeAtLocation(ev.node.name);
  const body = orderTopLevel(makeSampler(ev.name)(type));
  body.event = ev.name;
  const file = join(fixturesDir, `${ev.name}.json`);
  if (CURATED.has(ev.name)) {
    if (existsSync(file)) continue;
    notes.push(`curated fixture ${ev.name} was missing: wrote the generated sample, curate it by hand`);
  }
  writeIfChanged(file, JSON.stringify(orderTopLevel(body), null, 2) + "\n");
}

const entries = [
  ...events.map(({ name, product, rivetType, rivetModule }) => ({ name, product, description: describe(name, product), rivetType, rivetModule })),
  { name: "endpoint.url_validation", product: "endpoint", description: describe("endpoint.url_validation"), rivetType: null, rivetModule: null },
].sort((a, b) => (a.product === b.product ? (a.name < b.name ? -1 : 1) : a.product < b.product ? -1 : 1));

const header = `// Zoom webhook event catalog — GENERATED by scripts/generate-catalog.mjs from @zoom/rivet ${rivetVersion}. Do not edit; re-run the script.
// ${entries.length} events. rivetType/rivetModule name the Rivet type each fixture is checked against (type-only; never imported at runtime).
import type { GeneratedCatalogEntry } from "./catalog-types.js";

export const RIVET_VERSION = ${JSON.stringify(rivetVersion)};

export const CATALOG: readonly GeneratedCatalogEntry[] = [
`;
const lines = entries.map((e) => `  { ${Object.entries(e).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")} },`);
writeIfChanged(catalogFile, header + lines.join("\n") + "\n];\n");

const stale = readdirSync(fixturesDir).filter((f) => f.endsWith(".json") && !entries.some((e) => `${e.name}.json` === f));
for (const f of stale) notes.push(`fixtures/events/${f} has no catalog entry (Rivet dropped the event?)`);

const perProduct = {};
for (const e of entries) perProduct[e.product] = (perProduct[e.product] ?? 0) + 1;
process.stdout.write(`${events.length} Rivet ${rivetVersion} events + endpoint.url_validation: ${JSON.stringify(perProduct)}\n`);
for (const n of notes) process.stdout.write(`note: ${n}\n`);
process.stdout.write(changed.length ? `${checkOnly ? "would change" : "changed"}: ${changed.length} file(s)\n` : "up to date\n");
if (checkOnly && changed.length) process.exitCode = 1;
