// The core of every send: compose, sign exactly the bytes sent, deliver (retries, load), report through callbacks.
// `send`, `replay`'s siblings and the scenario runner share it; it never prints.
import type { SignatureMode, WebhookProvider } from "../providers/types.js";
import { zoomProvider } from "../providers/zoom/index.js";
import { usageError } from "../shared/errors.js";
import type { LoadSummary } from "../shared/stats.js";
import type { AuthOption } from "./auth.js";
import type { ComposeOptions, Composed } from "./compose.js";
import type { DeliveryResult, Prepared } from "./deliver.js";
import type { HttpAgent } from "../http/client.js";

/** Used when no timeout is given and the provider's own retry behaviour is not being imitated. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

export interface SendEventsOptions extends ComposeOptions {
  provider?: WebhookProvider;
  url: string;
  /** Needed unless signature is "none" or "bad". */
  secret?: string;
  signature?: SignatureMode;
  /** The provider's header profile (Zoom: "current" or "legacy"). */
  profile?: string;
  /** A fixed signed timestamp (Unix seconds). */
  timestamp?: number;
  /** Probe: sign (and date the body) this many seconds in the past. */
  staleSeconds?: number;
  auth?: AuthOption[];
  count?: number;
  concurrency?: number;
  /** Give up on an answer after this long; default the provider's budget with retries, else 10 s. */
  timeoutMs?: number;
  /** Retry like the provider, its spacing multiplied by timeScale. */
  retries?: { timeScale?: number };
  /** Probe: deliver each event twice with the same delivery id. */
  duplicate?: boolean;
  /** Keep each request's headers and body on its result (the scenario runner reads them). */
  keepRequests?: boolean;
  /** Connections to reuse across calls (left open); by default each call opens and closes its own. */
  agent?: HttpAgent;
  onResult?: (result: DeliveryResult) => void;
  /** Things worth saying before the first delivery (the body will not survive re-serialisation…). */
  onNote?: (note: { code: string; message: string }) => void;
  /** Current time in ms (injected clock). */
  now?: () => number;
}

export interface SendOutcome {
  results: DeliveryResult[];
  summary: LoadSummary;
  /** The first composed body, as sent. */
  first: Composed;
}

// Loaded on the first send, then reused: a scenario calls sendEvents() once per step.
let modules: Promise<[typeof import("./compose.js"), typeof import("./deliver.js"), typeof import("./auth.js"), typeof import("../events/index.js")]> | undefined;
const loadModules = () => (modules ??= Promise.all([import("./compose.js"), import("./deliver.js"), import("./auth.js"), import("../events/index.js")]));

export async function sendEvents(options: SendEventsOptions): Promise<SendOutcome> {
  const provider = options.provider ?? zoomProvider;
  const now = options.now ?? Date.now;
  const mode = options.signature ?? "valid";
  if (mode === "valid" && !options.secret) throw usageError("no_secret", "No secret token to sign with.");
  if (options.retries && !provider.rules.retryDelaysMs) {
    throw usageError("no_retry_schedule", `${provider.title} does not publish its retry schedule, so --retries cannot imitate it.`, {
      hint: "Send again yourself, or replay the capture: `zoomhook replay last`.",
    });
  }
  if (options.profile && !provider.profiles.includes(options.profile)) {
    throw usageError("bad_profile", `${provider.title} has no "${options.profile}" header profile.`, { hint: `Profiles: ${provider.profiles.join(", ")}.` });
  }
  const stale = options.staleSeconds ?? 0;
  const [{ composer }, { deliverMany }, { authHeaders }, events] = await loadModules();
  const compose = await composer(provider, { ...options, nowMs: options.nowMs ?? (stale ? now() - stale * 1000 : undefined) });
  const first = compose(0);
  // The check parses and re-serialises the body: only worth it when someone listens for the note.
  if (options.onNote && first.body.length > 0 && !events.survivesReserialisation(first.body.toString("utf8"))) {
    options.onNote?.({
      code: "not_reserialisable",
      message:
        "this body does not survive JSON.stringify(JSON.parse(body)); receivers that verify a re-serialised body (as Zoom's samples do) will reject it",
    });
  }
  const extra = options.auth?.length ? await authHeaders(options.auth, options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS) : {};
  // Values a header profile keeps for the app (Zoom's legacy verification token): one set per run, retries included.
  const appValues = provider.appValues(options.profile);
  const sign = (body: Buffer, event: string | undefined, requestId?: string): Prepared => {
    const timestamp = options.timestamp ?? Math.floor(now() / 1000) - stale;
    const headers = provider.deliveryHeaders({ body, secret: options.secret, timestamp, signature: mode, profile: options.profile, requestId, event, appValues });
    return { event, body, headers: { ...headers, ...extra }, timestamp };
  };
  const idHeader = provider.requestIdHeader;
  const scale = options.retries?.timeScale ?? 1;
  const delays = options.retries ? provider.rules.retryDelaysMs!.map((d) => Math.round(d * scale)) : undefined;
  const { results, summary } = await deliverMany({
    url: options.url,
    count: options.count ?? 1,
    concurrency: options.concurrency ?? 1,
    timeoutMs: options.timeoutMs ?? (options.retries ? provider.rules.answerBudgetMs : DEFAULT_SEND_TIMEOUT_MS),
    requestIdHeader: idHeader,
    keepRequests: options.keepRequests,
    agent: options.agent,
    prepare: (i) => {
      const { event, body } = i === 0 ? first : compose(i);
      return sign(body, event);
    },
    duplicate: options.duplicate,
    retry: delays
      ? { delaysMs: delays, retries: provider.rules.retries, resign: (p) => sign(p.body, p.event, idHeader ? p.headers[idHeader] : undefined) }
      : undefined,
    onResult: options.onResult,
  });
  return { results, summary, first };
}
