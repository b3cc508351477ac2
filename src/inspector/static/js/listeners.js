// The listener filter of a shared store: the listeners that took the captures kept, this one first.
import { getJson } from "./api.js";
import { h, isSelf, listenerName, listenerTitle } from "./dom.js";

// As the list's Listener column words it, with the pid that tells two runs on one machine apart.
function label(l) {
  return `${isSelf(l) ? "this listener" : listenerName(l)} · pid ${l.pid}`;
}

/** `select` is the menu; `onChange(session)` gets "" for every listener. */
export function createListenerMenu(select, onChange) {
  const known = new Map();

  function render() {
    const chosen = select.value;
    const sorted = [...known.values()].sort((a, b) => Number(isSelf(b)) - Number(isSelf(a)) || (a.lastId < b.lastId ? 1 : -1));
    select.replaceChildren(
      h("option", { value: "" }, "All listeners"),
      ...sorted.map((l) => h("option", { value: l.session, title: listenerTitle(l) }, label(l))),
    );
    select.value = chosen;
  }

  select.addEventListener("change", () => onChange(select.value));

  return {
    /** The store is shared: show the menu and fill it. */
    async show() {
      select.hidden = false;
      await this.load();
    },
    /** Ask the store again (after a clear or a reconnect); the chosen listener stays even with no captures left. */
    async load() {
      if (select.hidden) return;
      const { listeners } = await getJson("/api/listeners");
      const chosen = known.get(select.value);
      known.clear();
      for (const l of listeners) known.set(l.session, l);
      if (chosen && !known.has(chosen.session)) known.set(chosen.session, chosen);
      render();
    },
    /** A capture arrived live: its listener may be new. */
    seen(s) {
      if (select.hidden || !s.listener || known.has(s.listener.session)) return;
      known.set(s.listener.session, { ...s.listener, lastId: s.id, lastAt: s.receivedAt });
      render();
    },
  };
}
