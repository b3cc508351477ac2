// `run --listen`: an in-process listener (captured, inspectable) in front of the app; the CRC goes to the app.
import { resolve } from "node:path";
import { isPostgresSpec, resolveStoreSpec } from "../store/spec.js";
import type { WebhookProvider } from "../providers/types.js";
import { createBus } from "../shared/bus.js";
import { resolveSecret } from "./secret.js";

const storeSpec = (spec: string, cwd: string) => (isPostgresSpec(spec) ? spec : resolve(cwd, spec));

export async function startRunListener(o: { provider: WebhookProvider; secret?: string; forwardTo?: string; timeoutMs?: number; store?: string }) {
  const { startListen } = await import("../session/listen.js");
  const env = process.env;
  const cwd = process.cwd();
  const { secret, previous } = resolveSecret(o.secret, env, o.provider.secret.env);
  const session = await startListen(
    {
      host: "127.0.0.1",
      port: 0,
      portExplicit: false,
      path: "/webhook",
      provider: o.provider,
      secret,
      previousSecret: previous,
      toleranceSeconds: 300,
      maxBody: 10 * 1024 * 1024,
      // The app under test answers the handshake itself: that is what a crc step checks.
      forward: o.forwardTo ? { to: o.forwardTo, routes: [], forwardCrc: true, timeoutMs: o.timeoutMs ?? 10_000 } : undefined,
      store: { spec: storeSpec(resolveStoreSpec(o.store, env), cwd) },
      inspect: { host: "127.0.0.1", port: 4040 },
      tunnel: false,
      cwd,
    },
    { bus: createBus(), env },
  );
  return { url: `${session.ready.localUrl}`, inspectorUrl: session.ready.inspectorUrl, close: session.close };
}
