// The detail view's actions: replay, edit & replay, copy as curl. Results are announced in the live region.
import { captureUrl, getText, post } from "./api.js";
import { h } from "./dom.js";

export function createActions(toast, openCapture) {
  function announceReplay(result) {
    if (result.error) return toast(`Replay failed: ${result.error}`, "bad");
    const link = result.captureId ? h("a", { href: `#/c/${encodeURIComponent(result.captureId)}` }, "open the new capture") : null;
    toast([`Replayed → ${result.status}`, link ? " · " : "", link], result.status < 300 ? "ok" : "warn");
  }

  async function replay(id, body) {
    const result = await post(captureUrl(id, "/replay"), body === undefined ? {} : { body });
    announceReplay(result);
    return result;
  }

  /** Opens (or closes) the JSON editor under the actions, pre-filled with the exact body text. */
  function toggleEditor(capture, button) {
    const box = document.getElementById("editor");
    if (!box.hidden) {
      box.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const area = h("textarea", { id: "edit-body", rows: "14", spellcheck: "false", "aria-describedby": "edit-help edit-error" });
    area.value = capture.bodyText;
    const error = h("p", { id: "edit-error", className: "error", role: "alert" });
    const send = h("button", { type: "submit", className: "btn btn-primary", id: "edit-send" }, "Sign & send");
    const format = h("button", { type: "button", className: "btn btn-quiet" }, "Format JSON");
    const cancel = h("button", { type: "button", className: "btn btn-quiet" }, "Cancel");
    const form = h(
      "form",
      { className: "edit-form" },
      h("label", { for: "edit-body" }, "Edit the JSON body"),
      h("p", { id: "edit-help", className: "dim small" }, "zoomhook re-signs the edited bytes with a fresh timestamp and sends them through the listener."),
      area,
      error,
      h("div", { className: "edit-actions" }, send, format, cancel),
    );
    const parseOrShow = () => {
      try {
        JSON.parse(area.value);
        error.textContent = "";
        area.removeAttribute("aria-invalid");
        return true;
      } catch (err) {
        // Refused here first; the server checks again for anything that skips the page.
        error.textContent = `Not valid JSON: ${err.message}`;
        area.setAttribute("aria-invalid", "true");
        return false;
      }
    };
    format.addEventListener("click", () => {
      if (parseOrShow()) area.value = JSON.stringify(JSON.parse(area.value), null, 2);
    });
    cancel.addEventListener("click", () => toggleEditor(capture, button));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!parseOrShow()) return area.focus();
      send.disabled = true;
      try {
        await replay(capture.id, area.value);
      } catch (err) {
        error.textContent = err.message;
      } finally {
        send.disabled = false;
      }
    });
    box.replaceChildren(form);
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    area.focus();
  }

  async function copyCurl(capture) {
    const text = await getText(captureUrl(capture.id, `/curl${capture.revealed ? "?reveal=1" : ""}`));
    const out = document.getElementById("curl-out");
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // Clipboard access can be refused (permissions, unfocused tab); the command is shown below either way.
    }
    const note = capture.revealed ? "Secret headers included." : "Secret headers are masked; Reveal secrets first to copy them.";
    out.replaceChildren(h("p", { className: "dim small" }, copied ? "Copied to the clipboard. " : "Select and copy: ", note), h("pre", { className: "code", id: "curl-text" }, text));
    out.hidden = false;
    toast(copied ? "curl command copied" : "curl command shown below", "ok");
  }

  return { replay: (c) => replay(c.id), toggleEditor, copyCurl, openCapture };
}
