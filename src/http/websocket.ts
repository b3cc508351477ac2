// Outbound WebSocket over undici's client (undici stays in src/http/): text frames in and out, one close reason.
import { WebSocket } from "undici";

export interface SocketHandlers {
  onOpen(): void;
  onText(text: string): void;
  /** Once, however the socket ended: the close code and reason, or the error that ended it. */
  onClose(info: { code: number; reason: string; error?: string }): void;
}

export interface Socket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export function openSocket(url: string, handlers: SocketHandlers): Socket {
  const ws = new WebSocket(url);
  let closed = false;
  let error: string | undefined;
  const finish = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    handlers.onClose({ code, reason, ...(error ? { error } : {}) });
  };
  ws.addEventListener("open", () => handlers.onOpen());
  ws.addEventListener("message", (ev) => {
    const data: unknown = ev.data;
    handlers.onText(typeof data === "string" ? data : Buffer.from(data as ArrayBuffer).toString("utf8"));
  });
  ws.addEventListener("error", (ev) => {
    error = (ev as unknown as { error?: Error }).error?.message ?? "connection error";
  });
  ws.addEventListener("close", (ev) => finish(ev.code, ev.reason));
  return {
    send: (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: (code = 1000, reason = "") => {
      try {
        ws.close(code, reason);
      } catch {
        finish(code, reason);
      }
    },
  };
}
