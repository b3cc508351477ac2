// Pretty-printed JSON with token colouring, built from text nodes only.
import { h } from "./dom.js";

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** A <pre> of the body: coloured pretty JSON when it parses, the raw text otherwise. */
export function prettyBody(text) {
  let pretty;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return { el: h("pre", { className: "code" }, text), isJson: false };
  }
  const pre = h("pre", { className: "code json" });
  let last = 0;
  for (const m of pretty.matchAll(TOKEN)) {
    if (m.index > last) pre.append(pretty.slice(last, m.index));
    const cls = m[1] ? (m[2] ? "j-key" : "j-str") : m[3] ? "j-lit" : "j-num";
    pre.append(h("span", { className: cls }, m[1] ?? m[0]));
    if (m[2]) pre.append(m[2]);
    last = m.index + m[0].length;
  }
  pre.append(pretty.slice(last));
  return { el: pre, isJson: true };
}
