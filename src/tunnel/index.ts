// The tunnel module: the only place in zoomhook that loads @ngrok/ngrok (lazily).
export type { Tunnel, TunnelOpener, TunnelOptions, TunnelStatus } from "./types.js";
export { DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from "./types.js";
export { openNgrokTunnel } from "./open-ngrok-tunnel.js";
export { explainNgrokError, missingAuthtokenError } from "./explain-ngrok-error.js";
export { verificationPolicy } from "./traffic-policy.js";
export { buildForwardConfig, type ForwardConfig } from "./forward-config.js";
