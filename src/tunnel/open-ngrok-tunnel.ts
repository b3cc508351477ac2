// Opens a public ngrok tunnel to a local address with the embedded @ngrok/ngrok agent.
import { networkError } from "../shared/errors.js";
import { explainNgrokError, missingAuthtokenError } from "./explain-ngrok-error.js";
import { buildForwardConfig } from "./forward-config.js";
import { DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, type Tunnel, type TunnelOpener, type TunnelStatus } from "./types.js";
import { TimeoutElapsed, withTimeout } from "./with-timeout.js";

type NgrokSdk = typeof import("@ngrok/ngrok");
type NgrokListener = Awaited<ReturnType<NgrokSdk["forward"]>>;

// Loaded on first use only: commands that never tunnel must not pay for the native module.
let sdk: Promise<NgrokSdk> | undefined;
async function loadSdk(): Promise<NgrokSdk> {
  sdk ??= import("@ngrok/ngrok").then((m) => ((m as { default?: NgrokSdk }).default ?? m) as NgrokSdk);
  return sdk;
}

/**
 * Tunnels this process has open. The last close also calls kill(), which drops the SDK's current
 * session: otherwise it stays connected, heartbeating and reconnecting after its tunnel is gone.
 */
let openTunnels = 0;

export const openNgrokTunnel: TunnelOpener = async (options) => {
  const authtoken = options.authtoken?.trim();
  if (!authtoken) throw missingAuthtokenError();
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  let closed = false;
  // After close() the session may still report (it reconnects by itself); the caller no longer cares.
  const onStatus = (status: TunnelStatus): void => {
    if (!closed) options.onStatus?.(status);
  };
  const config = buildForwardConfig(options, authtoken, onStatus);
  const ngrok = await loadSdk();

  // forward() never settles if the edge accepts TCP but never answers auth: race it.
  const forwarding = ngrok.forward(config);
  let listener: NgrokListener;
  try {
    listener = await withTimeout(forwarding, connectTimeoutMs);
  } catch (err) {
    closed = true;
    if (err instanceof TimeoutElapsed) {
      // If it ever does connect, do not leave an orphan tunnel online.
      forwarding.then((late) => late.close()).catch(() => {});
      throw networkError("ngrok_connect_timeout", `ngrok did not answer within ${connectTimeoutMs} ms.`, {
        hint: "Check your internet connection, proxy or firewall (ngrok needs outbound TLS on port 443), or run `zoomhook listen --no-tunnel`.",
      });
    }
    // A refused bind (e.g. ERR_NGROK_334) leaves the new session connected: drop it unless a tunnel uses it.
    if (openTunnels === 0) await withTimeout(ngrok.kill(), closeTimeoutMs).catch(() => {});
    throw explainNgrokError(err);
  }

  openTunnels++;
  const url = listener.url() ?? "";
  let closing: Promise<void> | undefined;
  const tunnel: Tunnel = {
    url,
    close() {
      closing ??= (async () => {
        closed = true;
        openTunnels--;
        const last = openTunnels === 0;
        // close() sends an Unbind RPC and kill() closes the session; both wait forever on a silent edge.
        const shutdown = (async () => {
          await listener.close();
          if (last) await ngrok.kill();
        })();
        try {
          await withTimeout(shutdown, closeTimeoutMs);
        } catch (err) {
          shutdown.catch(() => {});
          options.onLog?.(`ngrok: closing the tunnel ${err instanceof TimeoutElapsed ? `took over ${closeTimeoutMs} ms; gave up` : `failed: ${String(err)}`}`);
        }
      })();
      return closing;
    },
  };
  return tunnel;
};
