// The detail view of one capture: verdict and diagnosis, actions, timings, headers, body and both responses.
import { captureUrl } from "./api.js";
import { formatBytes, formatDateTime, formatMs, h, isSelf, listenerName, statusClass, providerOf, verdictLabel, verdictOf } from "./dom.js";
import { explainVerdict } from "./explain.js";
import { prettyBody } from "./json-view.js";

const ICONS = { valid: "✔", invalid: "✖", malformed: "✖", stale: "⚠", unsigned: "○", unverified: "○", crc: "⇄" };

function section(title, ...children) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return h("section", { className: "d-section", "aria-labelledby": id }, h("h3", { id }, title), ...children);
}

function headerTable(pairs, caption) {
  if (!pairs || pairs.length === 0) return h("p", { className: "dim" }, "No headers.");
  return h(
    "table",
    { className: "headers" },
    h("caption", { className: "visually-hidden" }, caption),
    // Zoom's own headers (x-zm-*) are what the verdict hinges on: they stand out.
    // The provider's own headers (x-zm-*, circleci-*) are what the verdict hinges on: they stand out.
    h("tbody", {}, pairs.map(([k, v]) => h("tr", { className: /^(x-zm-|circleci-)/i.test(k) ? "zm" : undefined }, h("th", { scope: "row" }, k), h("td", {}, v)))),
  );
}

function bodyBlock(text, label) {
  if (text === undefined || text === null || text === "") return h("p", { className: "dim" }, `${label}: empty.`);
  return prettyBody(text).el;
}

function verdictBox(c) {
  const verdict = verdictOf(c);
  const { title, text, hint, code } = explainVerdict(verdict, c.diagnosis, providerOf(c), c.secretIndex);
  return h(
    "div",
    { className: `verdict-box vb-${verdict}`, role: "note", "aria-label": "Signature verdict" },
    h("p", { className: "vb-title" }, h("span", { className: "vb-icon", "aria-hidden": "true" }, ICONS[verdict] ?? "•"), title),
    text ? h("p", {}, text) : null,
    hint ? h("p", { className: "vb-hint" }, hint) : null,
    code ? h("p", { className: "vb-code" }, "diagnosis: ", h("code", {}, code)) : null,
  );
}

function timings(c) {
  const rows = [h("div", {}, h("dt", {}, "zoomhook answered"), h("dd", {}, formatMs(c.durationMs)))];
  if (c.forward) rows.push(h("div", {}, h("dt", {}, "your app answered"), h("dd", {}, c.forward.error ? `no answer after ${formatMs(c.forward.durationMs)}` : formatMs(c.forward.durationMs))));
  const worst = Math.max(c.durationMs, c.forward?.durationMs ?? 0);
  const p = providerOf(c);
  const warn =
    worst > p.answerBudgetMs
      ? h("p", { className: "warn", role: "note" }, `⚠ ${formatMs(worst)} is over ${p.title}'s ${p.answerBudgetMs / 1000}-second budget: ${p.title} counts this delivery as failed and retries it.`)
      : null;
  return section("Timings", h("dl", { className: "timings" }, rows), warn);
}

function bodySection(c, mode, onMode) {
  const tabs = h(
    "div",
    { className: "seg", role: "group", "aria-label": "Body view" },
    ["pretty", "raw"].map((m) => {
      const b = h("button", { type: "button", className: "seg-btn", "aria-pressed": String(mode === m) }, m === "pretty" ? "Pretty" : "Raw");
      b.addEventListener("click", () => onMode(m));
      return b;
    }),
  );
  const notes = [];
  if (c.truncated) notes.push(h("p", { className: "warn" }, `Only the first ${formatBytes(c.bodyBytes)} of ${formatBytes(c.bodySize)} are kept (over --max-body). SHA-256 ${c.bodySha256 ?? ""}`));
  if (!c.bodyIsUtf8) notes.push(h("p", { className: "warn" }, "The body is not valid UTF-8; shown decoded. Download has the exact bytes."));
  const shown = mode === "raw" || c.bodyText === "" ? h("pre", { className: "code raw" }, c.bodyText || "(empty body)") : prettyBody(c.bodyText).el;
  const note = mode === "pretty" ? h("p", { className: "dim small" }, "Pretty view is re-formatted; Raw, Copy as curl and Download keep the exact bytes.") : null;
  return section(`Body · ${formatBytes(c.bodySize)}`, tabs, notes, shown, note);
}

/** Bytes of a string as UTF-8 (what the store kept). */
function utf8Bytes(text) {
  return new TextEncoder().encode(text).length;
}

function responseSection(c) {
  const r = c.response;
  return section(
    "zoomhook's response",
    h("p", { className: `status-line ${statusClass(r.status)}` }, `${r.status}`),
    r.truncated ? h("p", { className: "warn" }, `Only the first ${formatBytes(utf8Bytes(r.body))} of ${formatBytes(r.bodySize)} are kept. SHA-256 ${r.bodySha256 ?? ""}`) : null,
    bodyBlock(r.body, "Body"),
    h("details", {}, h("summary", {}, "Response headers"), headerTable(r.headers, "zoomhook's response headers")),
  );
}

function appSection(c) {
  const f = c.forward;
  if (!f) return null;
  const line = f.error
    ? h("p", { className: "status-line st-bad" }, `✖ ${f.error}`)
    : h("p", { className: `status-line ${statusClass(f.status)}` }, String(f.status ?? "no status"));
  return section(
    "Your app's response",
    h("p", { className: "dim" }, "Forwarded to ", h("code", {}, f.url), ` · ${formatMs(f.durationMs)}`),
    line,
    f.error ? null : bodyBlock(f.body, "Body"),
    f.headers ? h("details", {}, h("summary", {}, "Response headers"), headerTable(f.headers, "your app's response headers")) : null,
  );
}

/** Builds the whole detail article. `ui` carries the reveal/body-mode state and the action callbacks. */
export function renderDetail(c, ui) {
  const verdict = verdictOf(c);
  const revealBtn = h("button", { type: "button", className: "btn btn-quiet btn-small", "aria-pressed": String(c.revealed) }, c.revealed ? "Hide secrets" : "Reveal secrets");
  revealBtn.addEventListener("click", () => ui.onReveal(!c.revealed));

  const replayBtn = h("button", { type: "button", className: "btn btn-primary", id: "replay-btn" }, "Replay");
  const editBtn = h("button", { type: "button", className: "btn", id: "edit-btn", "aria-expanded": "false", "aria-controls": "editor" }, "Edit & replay");
  const curlBtn = h("button", { type: "button", className: "btn", id: "curl-btn" }, "Copy as curl");
  const download = h("a", { className: "btn", id: "download-link", href: captureUrl(c.id, "/fixture"), download: c.fixtureName }, "Download fixture");
  replayBtn.addEventListener("click", () => ui.onReplay());
  editBtn.addEventListener("click", () => ui.onEdit(editBtn));
  curlBtn.addEventListener("click", () => ui.onCurl());

  return h(
    "article",
    { className: "detail", "aria-labelledby": "detail-title" },
    h(
      "header",
      { className: "d-head" },
      h("h2", { id: "detail-title", tabindex: "-1" }, c.event ?? `(${c.kind})`, " ", h("span", { className: `badge v-${verdict}` }, verdictLabel(verdict))),
      h(
        "p",
        { className: "d-meta" },
        h("span", { className: "provider-tag", id: "detail-provider" }, providerOf(c).title),
        " ",
        h("code", {}, `${c.method} ${c.path}`),
        ` · ${formatDateTime(c.receivedAt)} · `,
        h("code", { className: "dim" }, c.id),
        c.dedupeKey ? h("span", { className: "dim" }, " · delivery id ", h("code", {}, c.dedupeKey)) : null,
      ),
      c.listener ? listenerLine(c.listener) : null,
      c.replayOf ? h("p", { className: "d-meta" }, "↻ Replay of ", h("a", { href: `#/c/${encodeURIComponent(c.replayOf)}`, id: "replay-of-link" }, c.replayOf)) : null,
    ),
    verdictBox(c),
    h("div", { className: "actions", role: "group", "aria-label": "Actions" }, replayBtn, editBtn, curlBtn, download),
    h("div", { id: "editor", className: "editor", hidden: true }),
    h("div", { id: "curl-out", className: "curl-out", hidden: true }),
    timings(c),
    section("Request headers", h("div", { className: "section-tools" }, revealBtn), headerTable(c.headers, "Request headers")),
    bodySection(c, ui.bodyMode, ui.onBodyMode),
    appSection(c),
    responseSection(c),
    c.origin ? originSection(c.origin) : null,
  );
}

/** Which listener of a shared store took it. */
function listenerLine(l) {
  return h(
    "p",
    { className: "d-meta", id: "detail-listener" },
    "Taken by ",
    h("strong", {}, listenerName(l)),
    ` · pid ${l.pid} · session `,
    h("code", {}, l.session),
    isSelf(l) ? " (this listener)" : null,
  );
}

/** A delivery from the WebSocket subscription: the frame as received, and what zoomhook did to it. */
function originSection(origin) {
  const note = origin.resigned
    ? "Frames carry no signature: zoomhook signed the body with your secret token so your app's verification ran as for a webhook."
    : "Frames carry no signature, and no secret token was set: it reached your app unsigned.";
  return section("WebSocket frame", h("p", { className: "dim", id: "origin-note" }, note), h("pre", { className: "raw", id: "origin-frame" }, origin.frame));
}
