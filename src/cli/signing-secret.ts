// The secret a sending command (send, crc --to, replay) signs with: the user's own (flag > environment > .env);
// else, when it is aimed at a listener of the same provider that made up a dev secret for its session, that one.
import { findListener, liveListeners, type ListenerEntry } from "../registry/listeners.js";
import { resolveSecret, SECRET_ENV } from "./secret.js";

export interface SigningSecret {
  secret?: string;
  /** True when the secret is a listener's dev secret (never printed). */
  dev: boolean;
}

export interface SigningSecretOptions {
  /** The provider's secret variable. */
  envName?: string;
  /** The provider's name: a dev secret is only borrowed from a listener of that provider. */
  provider?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function signingSecret(flag: string | undefined, to: string | undefined, o: SigningSecretOptions = {}): SigningSecret {
  const env = o.env ?? process.env;
  const own = resolveSecret(flag, env, o.envName ?? SECRET_ENV);
  if (own.secret) return { secret: own.secret, dev: false };
  const entry = to ? liveListeners(env).find((e) => servedBy(e, to)) : findListener(o.cwd ?? process.cwd(), env)?.entry;
  const sameProvider = (entry?.provider ?? "zoom") === (o.provider ?? "zoom");
  return entry?.devSecret && sameProvider ? { secret: entry.devSecret, dev: true } : { dev: false };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Does this URL reach that listener? Its public URL, or its local port and path under any loopback name. */
function servedBy(e: ListenerEntry, to: string): boolean {
  let u: URL;
  try {
    u = new URL(to);
  } catch {
    return false;
  }
  if (e.publicUrl && new URL(e.publicUrl).href === u.href) return true;
  const local = new URL(e.localUrl);
  return LOOPBACK.has(u.hostname) && LOOPBACK.has(local.hostname) && u.port === local.port && u.pathname === local.pathname && u.protocol === "http:";
}
