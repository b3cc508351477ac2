// The live list: pages from /api/captures, live rows from SSE, filters, and keyboard movement.
import { getJson } from "./api.js";
import { matchesPattern } from "./pattern.js";
import { clear, formatMs, formatTime, h, isSelf, listenerName, listenerTitle, numberFmt, statusClass, providerOf, verdictLabel, verdictOf } from "./dom.js";

const PAGE = 100;

/** What the event box means: a prefix unless the user wrote their own `*`. */
function eventPattern(text) {
  const t = text.trim();
  if (!t) return "";
  return t.includes("*") ? t : `${t}*`;
}

function matchesEvent(pattern, event) {
  if (!pattern) return true;
  return event !== undefined && matchesPattern(pattern, event);
}

function appCell(forward) {
  if (!forward) return h("span", { className: "cell app dim" }, "—");
  // The full reason is in the detail; the column only has room for its first words.
  if (forward.error) return h("span", { className: "cell app st-bad", title: forward.error }, "✖ ", forward.error.split(" ").slice(0, 2).join(" "));
  return h("span", { className: `cell app ${statusClass(forward.status)}` }, "→ ", String(forward.status ?? "?"));
}

/** Who took it (a shared store's captures); the column shows only when the store is shared. */
function whoCell(listener) {
  if (!listener) return h("span", { className: "cell who dim" }, "—");
  // Mine or someone else's is the first question; the tooltip and the detail say exactly whose.
  const self = isSelf(listener);
  return h("span", { className: `cell who${self ? " self" : ""}`, title: listenerTitle(listener) }, self ? "this listener" : listenerName(listener));
}

export function rowFor(s) {
  const verdict = verdictOf(s);
  const slow = s.durationMs > providerOf(s).answerBudgetMs;
  const link = h(
    "a",
    { className: "row", href: `#/c/${encodeURIComponent(s.id)}`, "data-id": s.id },
    h("time", { className: "cell time", datetime: s.receivedAt }, formatTime(s.receivedAt)),
    h("span", { className: "cell event" }, s.event ?? `(${s.kind})`, s.replayOf ? h("span", { className: "tag", title: `Replay of ${s.replayOf}` }, "replay") : null, s.via === "websocket" ? h("span", { className: "tag", title: "From the Zoom WebSocket subscription" }, "ws") : null),
    h("span", { className: "cell verdict" }, h("span", { className: `badge v-${verdict}` }, verdictLabel(verdict))),
    h("span", { className: `cell num status ${statusClass(s.status)}` }, String(s.status)),
    whoCell(s.listener),
    h("span", { className: `cell num latency${slow ? " st-bad" : ""}` }, formatMs(s.durationMs)),
    appCell(s.forward),
  );
  return h("li", {}, link);
}

export function createList(els, onOpen) {
  const state = { items: [], ids: new Set(), total: 0, nextBefore: null, generation: 0, selected: null, loading: false };
  const filters = { event: "", verdict: "", listener: "" };

  function query(before) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (before) q.set("before", before);
    const pattern = eventPattern(filters.event);
    if (pattern) q.set("event", pattern);
    if (filters.verdict === "crc" || filters.verdict === "malformed") q.set("kind", filters.verdict);
    else if (filters.verdict) q.set("verification", filters.verdict);
    if (filters.listener) q.set("listener", filters.listener);
    return `/api/captures?${q}`;
  }

  function matches(s) {
    if (!matchesEvent(eventPattern(filters.event), s.event)) return false;
    if (filters.listener && s.listener?.session !== filters.listener) return false;
    return !filters.verdict || verdictOf(s) === filters.verdict;
  }

  function renderMeta() {
    const filtered = filters.event.trim() !== "" || filters.verdict !== "" || filters.listener !== "";
    els.count.textContent = `${numberFmt.format(state.items.length)} shown of ${numberFmt.format(state.total)}${filtered ? " (filtered)" : ""}`;
    els.empty.hidden = state.total !== 0;
    els.noMatch.hidden = state.total === 0 || state.items.length !== 0 || state.loading;
    els.more.hidden = !state.nextBefore;
  }

  /** Records the store could not read: said once, above the list, with where to look. */
  function showDamage(damage) {
    els.damage.hidden = !damage || damage.records === 0;
    if (els.damage.hidden) return;
    const files = [...new Set(damage.spots.map((s) => s.segment))].join(", ");
    const n = damage.records === 1 ? "1 stored record is" : `${numberFmt.format(damage.records)} stored records are`;
    els.damage.textContent = `⚠ ${n} unreadable (damaged bytes in ${files}) and not listed; every other capture is intact.`;
  }

  function markSelected() {
    for (const a of els.rows.querySelectorAll("a.row[aria-current]")) a.removeAttribute("aria-current");
    if (!state.selected) return;
    els.rows.querySelector(`a.row[data-id="${CSS.escape(state.selected)}"]`)?.setAttribute("aria-current", "true");
  }

  function appendRows(items) {
    const frag = document.createDocumentFragment();
    for (const s of items) {
      if (state.ids.has(s.id)) continue;
      state.ids.add(s.id);
      state.items.push(s);
      frag.append(rowFor(s));
    }
    els.rows.append(frag);
  }

  async function load(before) {
    const generation = before ? state.generation : ++state.generation;
    state.loading = true;
    try {
      const page = await getJson(query(before));
      // A newer filter change won the race: drop this answer.
      if (generation !== state.generation) return;
      if (!before) {
        state.items = [];
        state.ids.clear();
        clear(els.rows);
      }
      appendRows(page.items);
      state.total = page.total;
      state.nextBefore = page.nextBefore;
      showDamage(page.damage);
    } finally {
      if (generation === state.generation) state.loading = false;
    }
    markSelected();
    renderMeta();
  }

  function moveFocus(delta) {
    const links = [...els.rows.querySelectorAll("a.row")];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement);
    const next = at === -1 ? (delta > 0 ? 0 : links.length - 1) : Math.max(0, Math.min(links.length - 1, at + delta));
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
    // Near the bottom: fetch the next page so j keeps working.
    if (next >= links.length - 5 && state.nextBefore && !state.loading) load(state.nextBefore);
  }

  els.rows.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowDown" || e.key === "j") moveFocus(1);
    else if (e.key === "ArrowUp" || e.key === "k") moveFocus(-1);
    else if (e.key === "Home") moveFocus(-Infinity);
    else if (e.key === "End") moveFocus(Infinity);
    else return;
    e.preventDefault();
  });
  els.rows.addEventListener("click", (e) => {
    const link = e.target.closest("a.row");
    if (link) onOpen(link.dataset.id);
  });
  els.more.addEventListener("click", () => state.nextBefore && load(state.nextBefore));
  // Scrolling to the end loads the next page: the list is windowed by pages, never loaded whole.
  new IntersectionObserver((entries) => {
    if (entries.some((x) => x.isIntersecting) && state.nextBefore && !state.loading) load(state.nextBefore);
  }, { root: els.scroller }).observe(els.more);

  return {
    load: () => load(undefined),
    setFilters(next) {
      Object.assign(filters, next);
      return load(undefined);
    },
    /** A capture that just arrived over SSE. */
    arrived(s) {
      if (state.ids.has(s.id)) return;
      state.total += 1;
      if (matches(s)) {
        state.ids.add(s.id);
        state.items.unshift(s);
        const li = rowFor(s);
        li.firstChild.classList.add("fresh");
        els.rows.prepend(li);
        markSelected();
      }
      renderMeta();
    },
    cleared() {
      state.items = [];
      state.ids.clear();
      state.total = 0;
      state.nextBefore = null;
      clear(els.rows);
      renderMeta();
    },
    select(id) {
      state.selected = id;
      markSelected();
    },
    focusSelected() {
      els.rows.querySelector('a.row[aria-current="true"]')?.focus();
    },
    get total() {
      return state.total;
    },
  };
}
