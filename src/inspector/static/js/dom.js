// DOM helpers: every captured value becomes a text node, never markup.

/** Create an element. Strings and numbers in `children` become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    // Event handlers are attached with addEventListener by callers; an "on…" attribute here is a bug.
    if (key.startsWith("on")) throw new Error(`refusing attribute ${key}`);
    if (key === "className") el.className = value;
    else if (key === "text") el.textContent = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFmt.format(d);
}

export function formatDateTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { hour12: false });
}

export function formatMs(ms) {
  if (ms === undefined || ms === null) return "";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const numberFmt = new Intl.NumberFormat();

/** Zoom gives an endpoint 3 seconds to answer before it counts the delivery as failed. */
/** Filled from /api/info: each provider's name for people, answer budget and replay window. */
const providers = {};

export function setProviders(facts) {
  Object.assign(providers, facts);
}

/** The facts of a capture's provider (captures from before providers existed are Zoom's). */
export function providerOf(capture) {
  const name = capture.provider ?? "zoom";
  return { name, title: name, answerBudgetMs: Infinity, replayWindow: true, ...providers[name] };
}

/** The one verdict word shown for a request: CRC and malformed bodies are kinds, the rest are signature verdicts. */
export function verdictOf(summary) {
  if (summary.kind === "crc") return "crc";
  if (summary.kind === "malformed") return "malformed";
  return summary.verification;
}

export function verdictLabel(verdict) {
  return verdict === "crc" ? "CRC" : verdict;
}

export function statusClass(status) {
  if (!status) return "st-none";
  if (status < 300) return "st-ok";
  if (status < 500) return "st-warn";
  return "st-bad";
}

/** This listener, when the store is shared: filled from /api/info. */
let self = null;

export function setSelf(listener) {
  self = listener;
}

export function isSelf(listener) {
  return Boolean(self && listener && listener.session === self.session);
}

/** A listener as people tell them apart: who and where ("alice@laptop"). */
export function listenerName(listener) {
  return `${listener.user}@${listener.host}`;
}

/** The full identity, for a tooltip or the detail: the pid and session tell two runs on one machine apart. */
export function listenerTitle(listener) {
  return `${listenerName(listener)} · pid ${listener.pid} · session ${listener.session}${isSelf(listener) ? " (this listener)" : ""}`;
}
