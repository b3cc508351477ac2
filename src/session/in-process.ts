// The listener `run --listen` and the test harness put in front of an app: loopback, a free port, no tunnel;
// the app answers the handshake itself (that is what a crc step or test checks).
import { resolve } from "node:path";
import type { WebhookProvider } from "../providers/types.js";
import { DEFAULT_MAX_BODY } from "../receiver/pipeline.js";
import { isPostgresSpec } from "../store/spec.js";
import type { ListenConfig } from "./listen.js";

export interface InProcessOptions {
  provider: WebhookProvider;
  secret?: string;
  previousSecret?: string;
  forwardTo?: string;
  forwardTimeoutMs?: number;
  /** A directory (made absolute against cwd) or a postgres:// URL; false keeps captures in memory only. */
  store: string | false;
  inspect: ListenConfig["inspect"];
  cwd: string;
}

export function inProcessListenConfig(o: InProcessOptions): ListenConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    portExplicit: false,
    path: "/webhook",
    provider: o.provider,
    secret: o.secret,
    previousSecret: o.previousSecret,
    toleranceSeconds: 300, // listen's --tolerance default
    maxBody: DEFAULT_MAX_BODY,
    forward: o.forwardTo ? { to: o.forwardTo, routes: [], forwardCrc: true, timeoutMs: o.forwardTimeoutMs ?? 10_000 } : undefined,
    store: o.store === false ? false : { spec: isPostgresSpec(o.store) ? o.store : resolve(o.cwd, o.store) },
    inspect: o.inspect,
    tunnel: false,
    cwd: o.cwd,
  };
}
