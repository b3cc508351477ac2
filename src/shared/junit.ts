// JUnit XML, written once for every report that CI systems read (`run`'s scenarios, `check`'s probes): a small document
// model in, well-formed XML out, with the counts computed from the cases so they can never disagree with them.

export interface JunitCase {
  name: string;
  classname: string;
  timeMs?: number;
  file?: string;
  line?: number;
  /** Absent: the case passed. */
  failure?: { message: string; type: string; details?: string };
  /** The reason the case was skipped. */
  skipped?: string;
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  timeMs?: number;
  file?: string;
  timestamp?: string;
  properties?: Record<string, string>;
  cases: JunitCase[];
  systemErr?: string;
}

// XML 1.0 cannot carry most control characters, even escaped: each becomes U+FFFD, so a reader sees something was there.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attrs(pairs: Array<[string, string | number | undefined]>): string {
  return pairs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? v : xmlEscape(v!)}"`)
    .join("");
}

function counts(cases: readonly JunitCase[], timeMs: number | undefined): Array<[string, string | number | undefined]> {
  return [
    ["tests", cases.length],
    ["failures", cases.filter((c) => c.failure).length],
    ["errors", 0],
    ["skipped", cases.filter((c) => c.skipped !== undefined && !c.failure).length],
    ["time", timeMs === undefined ? undefined : seconds(timeMs)],
  ];
}

function testcase(c: JunitCase): string {
  const open = `    <testcase${attrs([["name", c.name], ["classname", c.classname], ["time", c.timeMs === undefined ? undefined : seconds(c.timeMs)], ["file", c.file], ["line", c.line]])}`;
  const body: string[] = [];
  if (c.failure) body.push(`      <failure${attrs([["message", c.failure.message], ["type", c.failure.type]])}>${xmlEscape(c.failure.details ?? "")}</failure>`);
  else if (c.skipped !== undefined) body.push(`      <skipped${attrs([["message", c.skipped]])}/>`);
  if (c.systemOut) body.push(`      <system-out>${xmlEscape(c.systemOut)}</system-out>`);
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`;
}

function testsuite(s: JunitSuite): string[] {
  const lines = [`  <testsuite${attrs([["name", s.name], ...counts(s.cases, s.timeMs), ["timestamp", s.timestamp], ["file", s.file]])}>`];
  const props = Object.entries(s.properties ?? {});
  if (props.length) lines.push(`    <properties>${props.map(([name, value]) => `<property${attrs([["name", name], ["value", value]])}/>`).join("")}</properties>`);
  lines.push(...s.cases.map(testcase));
  if (s.systemErr) lines.push(`    <system-err>${xmlEscape(s.systemErr)}</system-err>`);
  lines.push("  </testsuite>");
  return lines;
}

/** The whole document: `<testsuites>` named `name`, totals summed over every suite. */
export function junitXml(name: string, suites: readonly JunitSuite[], timeMs?: number): string {
  const all = suites.flatMap((s) => s.cases);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs([["name", name], ...counts(all, timeMs)])}>`, ...suites.flatMap(testsuite), "</testsuites>", ""].join("\n");
}
