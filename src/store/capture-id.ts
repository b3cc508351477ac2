// Capture ids: time-sortable strings whose lexicographic order is arrival order.
import { randomInt } from "node:crypto";

// Crockford base32 in lower case: its ASCII order matches its digit order, so strings sort like numbers.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const COUNTER_LIMIT = 32 ** 4;

let lastMs = -1;
let counter = 0;

function encode(value: number, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * An 18-character id: 10 chars of milliseconds (48 bits), 4 of a per-millisecond counter, 4 random.
 * Ids made in the same millisecond differ by the counter; if the clock steps back, the last time is
 * reused so ids made in this process still sort in the order they were made.
 */
export function newCaptureId(nowMs: number = Date.now()): string {
  const ms = Math.max(0, Math.floor(nowMs));
  if (ms <= lastMs) {
    counter++;
    if (counter >= COUNTER_LIMIT) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  return encode(lastMs, 10) + encode(counter, 4) + encode(randomInt(COUNTER_LIMIT), 4);
}
