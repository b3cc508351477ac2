// zoomhook as a test library: an in-process listener in front of your app, signed sends, waits on captures, scenario runs.
import { getProvider } from "../providers/registry.js";
import type { ProviderName, SignatureMode } from "../providers/types.js";
import type { RunOptions, RunResult } from "../scenario/index.js";
import { createBus } from "../shared/bus.js";
import type { Capture, ForwardResult } from "../shared/capture.js";
import { configError } from "../shared/errors.js";
import { runScenarioFiles } from "./run-files.js";
import { Waiters } from "./waiters.js";

export interface HarnessOptions {
  /** Whose webhooks: "zoom" (default) or "circleci". */
  provider?: ProviderName;
  /** Signs deliveries and verifies them; default: the provider's environment variable (ZOOM_WEBHOOK_SECRET_TOKEN…). */
  secret?: string;
  /** Your app's webhook URL: every delivery is forwarded there and its answer returned to the sender. */
  forwardTo?: string;
  forwardTimeoutMs?: number;
  /** Keep captures in this store too: a directory or a postgres:// URL (default: in memory only). */
  store?: string;
  env?: NodeJS.ProcessEnv;
}

export interface SendOptions {
  /** Field overrides: { "payload.object.topic": "Standup" }. */
  set?: Record<string, unknown>;
  signature?: SignatureMode;
  /** Sign with a timestamp this many seconds old. */
  staleSeconds?: number;
  duplicate?: boolean;
  /** Zoom: one meeting across events. */
  meetingId?: string;
  /** The exact body to send instead of a catalog event. */
  data?: Buffer | string;
  /** Deliver here instead of the harness's listener. */
  to?: string;
  timeoutMs?: number;
}

export interface Delivery {
  /** Absent when nothing answered (see error). */
  status?: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
  request: { headers: Record<string, string>; body: Buffer };
  error?: string;
  /** The answer's body parsed as JSON. */
  json<T = unknown>(): T;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface Harness extends AsyncDisposable {
  /** The listener's webhook URL. */
  readonly url: string;
  /** Every capture so far, oldest first. */
  readonly captures: readonly Capture[];
  send(event: string, options?: SendOptions): Promise<Delivery>;
  /** The first capture (seen so far or later) that matches. */
  waitForCapture(predicate?: (capture: Capture) => boolean, options?: WaitOptions): Promise<Capture>;
  /** The first forwarded capture whose forward result (the app's answer) matches. */
  waitForForward(predicate?: (forward: ForwardResult, capture: Capture) => boolean, options?: WaitOptions): Promise<Capture>;
  /** Run scenario files against this listener. */
  run(files: string | readonly string[], options?: Omit<RunOptions, "to" | "secretFor">): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const provider = getProvider(options.provider);
  const env = options.env ?? process.env;
  const secret = options.secret ?? env[provider.secret.env];
  if (!secret) throw configError("no_secret", `No secret token for ${provider.title}: pass { secret } or set ${provider.secret.env}.`);
  const captures: Capture[] = [];
  const waiters = new Waiters<Capture>();
  // One after the other: Jest's ESM loader fails on two concurrent imports that share modules.
  const { inProcessListenConfig } = await import("../session/in-process.js");
  const { startListen } = await import("../session/listen.js");
  const session = await startListen(
    inProcessListenConfig({ provider, secret, forwardTo: options.forwardTo, forwardTimeoutMs: options.forwardTimeoutMs, store: options.store || false, inspect: false, cwd: process.cwd() }),
    {
      bus: createBus(),
      env,
      onCapture: (c) => {
        captures.push(c);
        waiters.offer(c);
      },
    },
  );
  const url = session.receiver.url;
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (waiters.cancel("the harness was closed"), session.close()));
  return {
    url,
    captures,
    send: async (event, o = {}) => (await import("./send.js")).sendOne(provider, secret, o.to ?? url, event, o),
    waitForCapture: (predicate = () => true, o = {}) => waiters.wait(captures, predicate, o.timeoutMs ?? 5000, "capture"),
    waitForForward: (predicate = () => true, o = {}) =>
      waiters.wait(captures, (c) => c.forward !== undefined && predicate(c.forward, c), o.timeoutMs ?? 5000, "forwarded capture"),
    run: (files, o = {}) => runScenarioFiles(files, { env, ...o, to: url, secret }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
