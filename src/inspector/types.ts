// The inspector's public contract: what the session passes in and the handle it gets back.
import type { Bus } from "../shared/bus.js";
import type { CaptureReader, ListenerIdentity } from "../shared/capture.js";
import type { CaptureFeed } from "../store/feed.js";

export interface ReplayResult {
  status: number;
  captureId?: string;
  error?: string;
}

export interface InspectorActions {
  /** Re-sign and send capture `id` through the listener (optionally with an edited JSON body text). Resolves with the new capture's id when the listener captured it. */
  replay(id: string, options?: { body?: string }): Promise<ReplayResult>;
  clear(): Promise<void>;
}

export interface InspectorOptions {
  /** Default "127.0.0.1"; the Host allow-list follows it. */
  host?: string;
  /** Default 4040; if taken, the next free ports are tried (4041…); 0 = any free port. */
  port?: number;
  store: CaptureReader;
  /** A shared store's live feed: every listener's captures reach the page as they commit. */
  feed?: CaptureFeed;
  /** Subscribed for {type:"request"} and {type:"cleared"}, pushed to browsers over SSE. */
  bus: Bus;
  actions: InspectorActions;
  /** The receiver's public/local endpoint URL, for Copy as curl. */
  endpointUrl?: string;
  /** The listener's provider, shown in the header ("zoom", "circleci"). */
  provider?: string;
  /** This listener as a shared store records it: the page tells its captures from the others'. */
  listener?: ListenerIdentity;
}

export interface Inspector {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_INSPECTOR_HOST = "127.0.0.1";
export const DEFAULT_INSPECTOR_PORT = 4040;
/** How many ports after the requested one are tried before giving up. */
export const PORT_ATTEMPTS = 20;
