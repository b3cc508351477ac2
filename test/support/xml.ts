// A small, strict XML 1.0 reader for tests: rejects anything not well-formed, returns the element tree.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (/[<]/.test(raw)) throw new Error(`raw < at ${where}`);
  return raw.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) throw new Error(`unterminated entity at ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
    if (num) return String.fromCodePoint(num[1]!.startsWith("x") ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity &${name}; at ${where}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error("control character not allowed in XML 1.0");
  const ws = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) throw new Error("unterminated declaration");
    i = end + 2;
  }
  const element = (): XmlElement => {
    if (xml[i] !== "<") throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: "" };
    for (;;) {
      const before = i;
      ws();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (xml[i] === ">") {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected whitespace before attribute at ${i}`);
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute name at ${i}`);
      i += attr.length;
      if (xml[i] !== "=" || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`attribute ${attr} needs ="…" at ${i}`);
      const q = xml[i + 1]!;
      const end = xml.indexOf(q, i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} on <${name}>`);
      el.attrs[attr] = decode(xml.slice(i + 2, end), i);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf("<", i);
      if (lt < 0) throw new Error(`<${name}> is never closed`);
      el.text += decode(xml.slice(i, lt), i);
      i = lt;
      if (xml.startsWith(`</`, i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i)) throw new Error(`expected ${close} at ${i}, got ${xml.slice(i, i + 20)}`);
        i += close.length;
        return el;
      }
      el.children.push(element());
    }
  };
  ws();
  const root = element();
  ws();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
