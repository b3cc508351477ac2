// Zoom's WebSocket frames: {"module":"message","content":"<event JSON as a string>"}, heartbeats, and anything else.
// Parsed tolerantly: a frame that does not fit is kept and shown, never a crash.

export type Frame =
  | { kind: "event"; content: string; event?: string }
  | { kind: "heartbeat" }
  | { kind: "other"; module?: string; problem: string };

export const HEARTBEAT_FRAME = JSON.stringify({ module: "heartbeat" });

export function parseFrame(text: string): Frame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: "other", problem: `frame is not JSON: ${(err as Error).message}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { kind: "other", problem: "frame is JSON but not an object" };
  const f = parsed as Record<string, unknown>;
  const module = typeof f.module === "string" ? f.module : undefined;
  if (module === "heartbeat") return { kind: "heartbeat" };
  if (module !== "message") return { kind: "other", module, problem: module ? `frame of module "${module}", not an event message` : "frame without a module" };
  if (typeof f.content !== "string") return { kind: "other", module, problem: "message frame without a string content" };
  let event: string | undefined;
  try {
    const inner = JSON.parse(f.content) as { event?: unknown };
    if (typeof inner?.event === "string") event = inner.event;
  } catch {
    event = undefined;
  }
  return { kind: "event", content: f.content, event };
}
