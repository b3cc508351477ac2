// What a hostile or broken client may cost the receiver: time to send headers and body, and an oversized upload.
import type { ServerOptions, Server } from "node:http";
import type { Socket } from "node:net";

/** Zoom sends a whole delivery in well under a second; anything slower is a stuck or hostile client. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Headers and body together: a drip-fed body is cut off here (Node's own default is 300 s). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface TimeLimits {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Options for createServer: Node checks these deadlines on an interval, which must be finer than them. */
export function serverTimeouts(limits: TimeLimits): ServerOptions {
  const requestTimeout = limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(limits.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  return { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))) };
}

const STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
};

/**
 * Answer a request Node could not parse, or that ran out of time, then release the socket at once.
 * Ending it only half-closes: a client that never closes its side would keep the descriptor, and
 * about a thousand such clients exhaust a default file limit.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || err.code === "ECONNRESET" || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = STATUS[err.code ?? ""] ?? "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  // A peer that reads nothing could hold even that small write: do not wait for it.
  setTimeout(() => socket.destroy(), 1000).unref();
}

export function installClientErrorHandler(server: Server): void {
  server.on("clientError", answerClientError);
}

/** The declared Content-Length, when there is exactly one valid value (Node rejects the rest as 400). */
export function declaredLength(rawHeaders: string[]): number | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.length === 14 && rawHeaders[i]!.toLowerCase() === "content-length") {
      const n = Number(rawHeaders[i + 1]);
      return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
    }
  }
  return undefined;
}
