// Boots the inspector page: live stream, list, hash routing (#/c/<id>), detail, filters and Clear.
import { createActions } from "./actions.js";
import { captureUrl, getJson, post } from "./api.js";
import { renderDetail } from "./detail.js";
import { append, h, numberFmt, setProviders, setSelf } from "./dom.js";
import { createList } from "./list.js";
import { createListenerMenu } from "./listeners.js";

const $ = (id) => document.getElementById(id);
const ui = { reveal: false, bodyMode: "pretty", current: null };

let toastTimer;
function toast(message, tone = "ok") {
  const el = $("toast");
  el.replaceChildren();
  append(el, [message].flat());
  el.dataset.tone = tone;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 6000);
}

const list = createList(
  { scroller: $("scroller"), rows: $("rows"), count: $("count"), empty: $("empty"), noMatch: $("no-match"), more: $("more"), damage: $("damage") },
  () => {},
);
const listeners = createListenerMenu($("filter-listener"), (session) => list.setFilters({ listener: session }));
const actions = createActions(toast, (id) => (location.hash = `#/c/${encodeURIComponent(id)}`));

function showPlaceholder() {
  ui.current = null;
  $("detail-body").hidden = true;
  $("placeholder").hidden = false;
  list.select(null);
}

function draw(capture) {
  ui.current = capture;
  const article = renderDetail(capture, {
    bodyMode: ui.bodyMode,
    onReveal: (reveal) => {
      ui.reveal = reveal;
      openDetail(capture.id, false);
    },
    onBodyMode: (mode) => {
      ui.bodyMode = mode;
      draw(capture);
    },
    onReplay: () => actions.replay(capture).catch((err) => toast(`Replay failed: ${err.message}`, "bad")),
    onEdit: (button) => actions.toggleEditor(capture, button),
    onCurl: () => actions.copyCurl(capture).catch((err) => toast(`Copy as curl failed: ${err.message}`, "bad")),
  });
  $("detail-body").replaceChildren(article);
  $("detail-body").hidden = false;
  $("placeholder").hidden = true;
}

async function openDetail(id, moveFocus = true) {
  list.select(id);
  try {
    draw(await getJson(captureUrl(id, ui.reveal ? "?reveal=1" : "")));
    if (moveFocus) $("detail-title")?.focus({ preventScroll: true });
  } catch (err) {
    $("detail-body").replaceChildren(h("p", { className: "error", role: "alert" }, `Cannot open ${id}: ${err.message}`));
    $("detail-body").hidden = false;
    $("placeholder").hidden = true;
  }
}

function route() {
  const m = /^#\/c\/(.+)$/.exec(location.hash);
  if (m) openDetail(decodeURIComponent(m[1]), document.activeElement?.matches?.("#replay-of-link, .toast a") ?? false);
  else showPlaceholder();
}

function reload() {
  list.load();
  listeners.load().catch(() => {});
}

function connect() {
  const conn = $("conn");
  const source = new EventSource("/api/events");
  let dropped = false;
  source.addEventListener("open", () => {
    conn.dataset.state = "live";
    conn.textContent = "live";
    // Events sent while we were away are in the store, not in the stream: fetch the list again.
    if (dropped) reload();
    dropped = false;
  });
  source.addEventListener("error", () => {
    dropped = true;
    conn.dataset.state = "down";
    conn.textContent = "reconnecting…";
  });
  source.addEventListener("request", (e) => {
    const capture = JSON.parse(e.data).capture;
    listeners.seen(capture);
    list.arrived(capture);
  });
  // A shared (PostgreSQL) store can go down while the listener runs: requests then get 503.
  source.addEventListener("store", (e) => {
    const s = JSON.parse(e.data);
    conn.dataset.state = s.up ? "live" : "down";
    conn.textContent = s.up ? "live" : "store down: requests get 503";
    conn.title = s.message;
    if (s.up) reload();
  });
  source.addEventListener("cleared", () => {
    list.cleared();
    listeners.load().catch(() => {});
    if (ui.current) location.hash = "";
  });
}

function wireFilters() {
  const event = $("filter-event");
  const verdict = $("filter-verdict");
  let timer;
  event.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => list.setFilters({ event: event.value }), 150);
  });
  verdict.addEventListener("change", () => list.setFilters({ verdict: verdict.value }));
  $("filters").addEventListener("submit", (e) => e.preventDefault());
}

function wireClear() {
  const dialog = $("clear-dialog");
  $("clear-btn").addEventListener("click", () => {
    // A shared store is the team's: Clear deletes every listener's captures, not just this one's.
    const whose = document.body.dataset.shared === "true" ? "the shared store, from every listener (teammates and CI jobs too)," : "this session's store";
    $("clear-text").textContent = `All ${numberFmt.format(list.total)} captured requests in ${whose} will be deleted. This cannot be undone.`;
    dialog.showModal();
  });
  dialog.addEventListener("close", async () => {
    if (dialog.returnValue !== "confirm") return;
    try {
      await post("/api/clear");
      list.cleared();
      listeners.load().catch(() => {});
      location.hash = "";
      toast("All captures cleared", "ok");
    } catch (err) {
      toast(`Clear failed: ${err.message}`, "bad");
    }
  });
}

function wireKeys() {
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest?.("input, textarea, select, dialog")) return;
    if (e.key === "/") {
      e.preventDefault();
      $("filter-event").focus();
    } else if (e.key === "r" && ui.current) {
      e.preventDefault();
      $("replay-btn")?.click();
    } else if (e.key === "Escape" && ui.current) {
      list.focusSelected();
    }
  });
}

async function showEndpoint() {
  const info = await getJson("/api/info").catch(() => null);
  if (info?.providers) setProviders(info.providers);
  if (info?.provider) {
    document.body.dataset.provider = info.provider;
    $("provider").textContent = info.providers?.[info.provider]?.title ?? info.provider;
    $("provider").hidden = false;
  }
  // A shared store holds every listener's captures: say who took each, and offer to narrow to one.
  if (info?.shared) {
    document.body.dataset.shared = "true";
    setSelf(info.listener);
    await listeners.show().catch(() => {});
  }
  if (!info?.endpointUrl) return;
  $("endpoint-url").textContent = info.endpointUrl;
  $("endpoint").hidden = false;
}

connect();
wireFilters();
wireClear();
wireKeys();
window.addEventListener("hashchange", route);
// The provider facts come first: rows and details are worded with them.
showEndpoint()
  .then(() => list.load())
  .then(() => {
    // Read by bench/inspector-first-render.ts: the first page of the list is in the DOM.
    performance.mark("zoomhook:first-render");
    document.body.dataset.ready = "true";
    route();
  });
