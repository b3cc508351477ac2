// Received data made safe for a terminal: control characters become visible escapes, so a request's
// event name, headers or body can never clear the screen, move the cursor, forge lines or set the title.

// C0 controls, DEL, C1 controls (0x9b is an 8-bit CSI on some terminals), and the Unicode bidi
// overrides and isolates that can reorder what a line appears to say.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One-line text: every control character escaped, newlines and tabs included. */
export function inert(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Multi-line text (bodies): newlines and tabs kept, every other control character escaped (\r too). */
export function inertLines(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, visible);
}
