// The tunnel contract the session depends on: options in, a public URL and close() out.

export type TunnelStatus = "connected" | "closed";

export interface TunnelOptions {
  /** "127.0.0.1:<port>": never a bare port, which the SDK turns into localhost → ::1 → 502s. */
  addr: string;
  /** Required; without it the SDK would send an empty token and the service answers ERR_NGROK_4018. */
  authtoken?: string;
  /** A reserved or free static domain (e.g. my-name.ngrok-free.app). */
  domain?: string;
  /**
   * When set, ngrok's edge verifies the provider's signatures before traffic reaches us (for Zoom it
   * also answers the CRC). `provider` is the name ngrok's verify-webhook action knows.
   */
  verifyWebhook?: { provider: string; secret: string };
  /** forward() never settles when the edge accepts TCP but never answers auth; default 15000. */
  connectTimeoutMs?: number;
  /** listener.close() and ngrok.kill() can hang on an unresponsive edge; default 2000. */
  closeTimeoutMs?: number;
  /** From the SDK's onStatusChange; the SDK reconnects and re-binds by itself. */
  onStatus?: (status: TunnelStatus) => void;
  onLog?: (line: string) => void;
  /** Default process.env; ZOOMHOOK_NGROK_SERVER_ADDR and ZOOMHOOK_NGROK_CA_CERT point at a test edge. */
  env?: NodeJS.ProcessEnv;
}

export interface Tunnel {
  /** The public URL, like https://abc.ngrok-free.app (no path). */
  url: string;
  close(): Promise<void>;
}

export type TunnelOpener = (options: TunnelOptions) => Promise<Tunnel>;

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;
