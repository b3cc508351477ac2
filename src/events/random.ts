// Seeded randomness for generated ids: a tiny PRNG and format-preserving id regeneration.

export type Random = () => number;

/** mulberry32: 32-bit state, good enough spread for sample ids, and reproducible from a seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const HEX_LOWER = "0123456789abcdef";
const HEX_UPPER = "0123456789ABCDEF";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function pick(alphabet: string, rnd: Random): string {
  return alphabet[Math.floor(rnd() * alphabet.length)]!;
}

/**
 * A fresh value in the same format as `original`: each digit/letter is replaced by one of the same
 * class (hex stays hex, a leading non-zero digit stays non-zero), punctuation such as `-`, `_`, `=`,
 * `/`, `.` stays where it was. So "85123456789" stays 11 digits, a 22-char base64url id stays one,
 * a UUID stays a UUID. The domain of a JID (`…@xmpp.zoom.us`) and all but the signature of a JWT are kept.
 */
export function reshapeId(original: string, rnd: Random): string {
  const at = original.indexOf("@");
  if (at > 0) return reshapeId(original.slice(0, at), rnd) + original.slice(at);
  if (original.startsWith("eyJ") && original.includes(".")) {
    // A JWT: a fresh signature segment makes a distinct token; re-rolling the long claims segment
    // too would only cost time on the send hot path.
    const dot = original.lastIndexOf(".");
    return original.slice(0, dot + 1) + reshapeId(original.slice(dot + 1), rnd);
  }
  // Meeting uuids are 16 bytes in base64; make real ones so strict decoders accept them (the last
  // character before "==" is then one of A, Q, g, w).
  if (/^[A-Za-z0-9+/]{22}==$/.test(original)) {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(rnd() * 256);
    return Buffer.from(bytes).toString("base64");
  }
  const hex = /^[0-9a-f-]+$/.test(original) && /[a-f]/.test(original) ? HEX_LOWER : /^[0-9A-F-]+$/.test(original) && /[A-F]/.test(original) ? HEX_UPPER : null;
  let out = "";
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (hex && c !== 45) out += pick(hex, rnd);
    else if (c >= 48 && c <= 57) out += i === 0 && c !== 48 ? pick("123456789", rnd) : pick(DIGITS, rnd);
    else if (c >= 97 && c <= 122) out += pick(LOWER, rnd);
    else if (c >= 65 && c <= 90) out += pick(UPPER, rnd);
    else out += original[i];
  }
  return out;
}

/** n random base64url characters (Zoom's plainToken and user-id alphabet). */
export function randomBase64Url(length: number, rnd: Random): string {
  let out = "";
  for (let i = 0; i < length; i++) out += pick(BASE64URL, rnd);
  return out;
}
