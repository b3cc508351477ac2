// The CRC report card.
import type { CrcGrade } from "../../providers/zoom/crc.js";
import { inert } from "./inert.js";
import { out as c, symbols } from "./style.js";

export function renderCrcGrade(plainToken: string, grade: CrcGrade): string {
  let text = `CRC challenge  plainToken ${plainToken}\n`;
  for (const check of grade.checks) {
    const mark = check.ok ? c.green(symbols.ok) : c.red(symbols.fail);
    const detail = inert(check.detail); // quotes the endpoint's answer
    text += `  ${mark} ${check.name}  ${check.ok ? c.dim(detail) : detail}\n`;
  }
  text += grade.pass ? c.green("PASS — Zoom would accept this endpoint\n") : c.red("FAIL — Zoom would reject this endpoint\n");
  return text;
}
