// Opens the tunnel for a listen session and turns its status changes into loud bus events.
import type { Bus } from "../shared/bus.js";
import type { Receiver } from "../receiver/index.js";
import type { Tunnel, TunnelOpener } from "../tunnel/index.js";

/** How long a reconnected tunnel must hold before it is announced. */
export const RECONNECT_SETTLE_MS = 2000;

export interface TunnelConfig {
  authtoken?: string;
  domain?: string;
  /** ngrok verifies signatures at its edge (Traffic Policy verify-webhook). */
  ngrokVerify: boolean;
  /** ngrok's name for the provider (default "zoom"). */
  ngrokProvider?: string;
  connectTimeoutMs?: number;
  settleMs?: number;
}

export async function openTunnelFor(
  config: TunnelConfig,
  receiver: Receiver,
  secret: string | undefined,
  bus: Bus,
  deps: { tunnelOpener?: TunnelOpener; env?: NodeJS.ProcessEnv },
): Promise<Tunnel> {
  const opener = deps.tunnelOpener ?? (await import("../tunnel/index.js")).openNgrokTunnel;
  // 0.0.0.0 and :: accept loopback connections too; the agent must dial an address, never a bare port.
  const host = receiver.host === "0.0.0.0" || receiver.host === "::" ? "127.0.0.1" : receiver.host;
  const addr = host.includes(":") ? `[${host}]:${receiver.port}` : `${host}:${receiver.port}`;
  let started = false;
  let url = "";
  let shown: string | undefined;
  let settle: NodeJS.Timeout | undefined;
  const tunnel = await opener({
    addr,
    authtoken: config.authtoken,
    domain: config.domain,
    verifyWebhook: config.ngrokVerify && secret ? { provider: config.ngrokProvider ?? "zoom", secret } : undefined,
    connectTimeoutMs: config.connectTimeoutMs,
    env: deps.env,
    onStatus: (status) => {
      // Before start-up completes, the opener reports failures itself; afterwards every change is news.
      if (!started) return;
      clearTimeout(settle);
      if (status === "closed") {
        if (shown !== "closed") bus.emit({ type: "tunnel", status, url });
        shown = "closed";
        return;
      }
      // The SDK says "connected" once TLS is up, before ngrok accepted the session: a refused re-auth
      // (revoked token, too many sessions) closes again at once. Only a connection that holds is news.
      settle = setTimeout(() => {
        if (shown === "connected") return;
        shown = "connected";
        bus.emit({ type: "tunnel", status: "connected", url });
      }, config.settleMs ?? RECONNECT_SETTLE_MS);
      settle.unref();
    },
  });
  url = tunnel.url;
  shown = "connected";
  started = true;
  return {
    url: tunnel.url,
    close: () => {
      clearTimeout(settle);
      return tunnel.close();
    },
  };
}
