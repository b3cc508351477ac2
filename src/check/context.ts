// One check run's shared state: the target, the secret, a request counter, and the valid deliveries probes share.
import type { WebhookProvider } from "../providers/types.js";
import type { SendEventsOptions } from "../sender/send-events.js";
import { answerStart, bodyStart, fromDelivery, is2xx } from "./exchange.js";
import { checkProfile, type CheckProfile } from "./profiles.js";
import type { Exchange } from "./types.js";

export interface ContextOptions {
  provider: WebhookProvider;
  url: string;
  secret: string;
  timeoutMs: number;
  now?: () => number;
  /** Added to every delivery (not to the stray requests of `methods`). */
  authHeaders?: Record<string, string>;
}

export type DeliverOptions = Omit<SendEventsOptions, "provider" | "url" | "keepRequests" | "onResult" | "now" | "timeoutMs">;

export class CheckContext {
  readonly provider: WebhookProvider;
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly profile: CheckProfile;
  readonly authHeaders: Record<string, string>;
  /** Requests made so far, every probe together. */
  requests = 0;
  /** True once anything at all answered. */
  answered = false;
  private dispatcher?: ReturnType<typeof import("../http/client.js").createAgent>;
  private valid?: Promise<Exchange[]>;

  constructor(options: ContextOptions) {
    this.provider = options.provider;
    this.url = options.url;
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? Date.now;
    this.profile = checkProfile(options.provider);
    this.authHeaders = options.authHeaders ?? {};
  }

  /** Send through the same core as `zoomhook send`, keeping each request for the report. */
  async deliver(label: string, options: DeliverOptions): Promise<Exchange[]> {
    const { sendEvents } = await import("../sender/send-events.js");
    const { results } = await sendEvents({
      secret: this.secret,
      event: this.profile.probeEvent,
      ...options,
      // Already resolved (an OAuth token once per run): handed over as plain headers.
      auth: Object.entries(this.authHeaders).map(([name, value]) => ({ kind: "custom" as const, name, value })),
      provider: this.provider,
      url: this.url,
      timeoutMs: this.timeoutMs,
      keepRequests: true,
      now: this.now,
    });
    this.requests += results.length;
    return results.map((r) => this.note(fromDelivery(r.duplicate ? `${label} (again, same delivery id)` : label, r)));
  }

  /** A request sendEvents cannot shape (another method, path or signature header). */
  async request(label: string, r: { method: string; url: string; body: Buffer; headers: Record<string, string> }): Promise<Exchange> {
    const { createAgent, HttpFailure, postRaw } = await import("../http/client.js");
    this.dispatcher ??= createAgent(1);
    this.requests++;
    const exchange: Exchange = { label, request: { method: r.method, url: r.url, bytes: r.body.length, headers: r.headers, bodyStart: bodyStart(r.body) } };
    try {
      const a = await postRaw(r.url, { method: r.method, body: r.body, headers: r.headers, timeoutMs: this.timeoutMs, dispatcher: this.dispatcher });
      exchange.response = { status: a.status, latencyMs: Math.round(a.durationMs), contentType: a.headers["content-type"], bodyStart: answerStart(a.body, a.headers["content-type"]) };
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      exchange.error = { kind: err.kind, message: err.message, latencyMs: Math.round(err.durationMs) };
    }
    return this.note(exchange);
  }

  /**
   * The common events, each validly signed, sent once per run and shared by valid-event and slow-answer.
   * Stops at the first one not answered 2xx in time: the rest would only repeat the finding, slowly.
   */
  validEvents(): Promise<Exchange[]> {
    this.valid ??= (async () => {
      const out: Exchange[] = [];
      for (const event of this.profile.events) {
        const [e] = await this.deliver(event, { event });
        out.push(e!);
        if (!is2xx(e!) || e!.response!.latencyMs >= this.provider.rules.answerBudgetMs) break;
      }
      return out;
    })();
    return this.valid;
  }

  /** Whether a plain, fresh, validly signed delivery is accepted: without that, a refusal elsewhere proves nothing. */
  async controlAccepted(): Promise<boolean> {
    const first = (await this.validEvents())[0];
    return first !== undefined && is2xx(first);
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private note(e: Exchange): Exchange {
    if (e.response) this.answered = true;
    return e;
  }
}
