// `run --listen`: an in-process listener (captured, inspectable) in front of the app; the CRC goes to the app.
import { resolveStoreSpec } from "../store/spec.js";
import type { WebhookProvider } from "../providers/types.js";
import { createBus } from "../shared/bus.js";
import { resolveSecret } from "./secret.js";

export async function startRunListener(o: { provider: WebhookProvider; secret?: string; forwardTo?: string; timeoutMs?: number; store?: string }) {
  const { inProcessListenConfig } = await import("../session/in-process.js");
  const { startListen } = await import("../session/listen.js");
  const env = process.env;
  const { secret, previous } = resolveSecret(o.secret, env, o.provider.secret.env);
  const config = inProcessListenConfig({
    provider: o.provider,
    secret,
    previousSecret: previous,
    forwardTo: o.forwardTo,
    forwardTimeoutMs: o.timeoutMs,
    store: resolveStoreSpec(o.store, env),
    inspect: { host: "127.0.0.1", port: 4040 },
    cwd: process.cwd(),
  });
  const session = await startListen(config, { bus: createBus(), env });
  return { url: `${session.ready.localUrl}`, inspectorUrl: session.ready.inspectorUrl, close: session.close };
}
