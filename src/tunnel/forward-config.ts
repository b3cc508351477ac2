// Builds the options object for @ngrok/ngrok's forward() from zoomhook's TunnelOptions.
import { readFileSync } from "node:fs";
import { configError, usageError } from "../shared/errors.js";
import { verificationPolicy } from "./traffic-policy.js";
import type { TunnelOptions, TunnelStatus } from "./types.js";

/** The subset of the SDK's Config that zoomhook sends (names are the SDK's). */
export interface ForwardConfig {
  addr: string;
  authtoken: string;
  force_new_session: true;
  domain?: string;
  traffic_policy?: string;
  server_addr?: string;
  session_ca_cert?: string;
  onStatusChange?: (status: string) => void;
  onLogEvent?: (line: string) => void;
}

const HOST_PORT = /^[^\s:/]+:\d{1,5}$/;

export function buildForwardConfig(
  options: TunnelOptions,
  authtoken: string,
  onStatus: (status: TunnelStatus) => void,
): ForwardConfig {
  // A bare port would become "localhost:<port>", which can resolve to ::1 while we listen on 127.0.0.1.
  if (!HOST_PORT.test(options.addr)) {
    throw usageError("tunnel_bad_addr", `Tunnel address must be "127.0.0.1:<port>", got "${options.addr}".`);
  }
  const config: ForwardConfig = {
    addr: options.addr,
    authtoken,
    // forward() otherwise reuses one process-wide session whose first options win.
    force_new_session: true,
    onStatusChange: (status) => onStatus(status === "connected" ? "connected" : "closed"),
  };
  if (options.domain) config.domain = options.domain;
  if (options.verifyWebhook) config.traffic_policy = verificationPolicy(options.verifyWebhook.provider, options.verifyWebhook.secret);
  if (options.onLog) config.onLogEvent = options.onLog;
  const env = options.env ?? process.env;
  const serverAddr = env.ZOOMHOOK_NGROK_SERVER_ADDR?.trim();
  if (serverAddr) {
    if (!HOST_PORT.test(serverAddr)) {
      throw configError("ngrok_bad_server_addr", `ZOOMHOOK_NGROK_SERVER_ADDR must be "host:port", got "${serverAddr}".`);
    }
    config.server_addr = serverAddr;
  }
  const caPath = env.ZOOMHOOK_NGROK_CA_CERT?.trim();
  if (caPath) config.session_ca_cert = readCaCert(caPath);
  return config;
}

function readCaCert(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (err) {
    throw configError("ngrok_ca_cert_unreadable", `Cannot read ZOOMHOOK_NGROK_CA_CERT (${path}).`, {
      cause: err,
      hint: "Point it at a PEM certificate file, or unset it to use ngrok's own service.",
    });
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw configError("ngrok_ca_cert_invalid", `ZOOMHOOK_NGROK_CA_CERT (${path}) is not a PEM certificate.`);
  }
  return pem;
}
