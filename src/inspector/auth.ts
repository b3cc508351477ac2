// Who may talk to the inspector: the Host allow-list, the per-session token and the cookie it becomes.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import os from "node:os";

export const TOKEN_HEADER = "x-zoomhook-token";

export interface Guard {
  token: string;
  /** Includes the port: browsers share cookies across ports, so two inspectors must not clobber each other. */
  cookieName: string;
  hostAllowed(req: IncomingMessage): boolean;
  /** A valid token in the cookie or the custom header (the query token is handled by the router). */
  authenticated(req: IncomingMessage): boolean;
  /** POSTs must carry the token in a custom header (a cross-site form cannot set one) and a same-origin Origin if any. */
  mutationAllowed(req: IncomingMessage): boolean;
  matches(candidate: string | undefined): boolean;
  setCookie(): string;
}

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

function withPort(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The Host values a browser may send. Bound to every interface (0.0.0.0, ::), the inspector is
 * reached through the machine's own addresses and name, which are therefore allowed too; any other
 * name is still refused (a rebinding page sends its own name).
 */
export function hostForms(host: string, port: number): string[] {
  const forms = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (host && host !== "127.0.0.1" && host !== "localhost" && host !== "::1") forms.push(withPort(host, port));
  if (host === "0.0.0.0" || host === "::" || host === "[::]") {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) if (!a.address.includes("%")) forms.push(withPort(a.address, port));
    }
    forms.push(`${os.hostname()}:${port}`);
  }
  return forms.map((f) => f.toLowerCase());
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createGuard(token: string, host: string, port: number): Guard {
  const expected = Buffer.from(token, "utf8");
  const allowedHosts = new Set(hostForms(host, port));
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const cookieName = `zoomhook_inspector_${port}`;

  // Constant time over equal lengths; a length mismatch is simply false.
  const matches = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const got = Buffer.from(candidate, "utf8");
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const headerToken = (req: IncomingMessage): string | undefined => {
    const v = req.headers[TOKEN_HEADER];
    return Array.isArray(v) ? v[0] : v;
  };

  return {
    token,
    cookieName,
    matches,
    // DNS rebinding: a hostile page resolving its own name to 127.0.0.1 still sends its own name as Host.
    hostAllowed: (req) => allowedHosts.has((req.headers.host ?? "").toLowerCase()),
    authenticated: (req) => matches(readCookie(req, cookieName)) || matches(headerToken(req)),
    mutationAllowed(req) {
      if (!matches(headerToken(req))) return false;
      const origin = req.headers.origin;
      return origin === undefined || allowedOrigins.has(origin.toLowerCase());
    },
    setCookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
