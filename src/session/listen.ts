// Wires one `listen` run: store → receiver → bus → inspector/control → tunnel → registry. Never prints.
import type { Bus, ReadyEvent } from "../shared/bus.js";
import { summarize, type Capture, type CaptureStore } from "../shared/capture.js";
import { systemClock, type Clock } from "../shared/clock.js";
import { configError, usageError } from "../shared/errors.js";
import { startReceiver, type Receiver } from "../receiver/index.js";
import { registerListener, secretFingerprint } from "../registry/listeners.js";
import { startControl } from "./control.js";
import { pointsAtReceiver } from "./forward-loop.js";
import { createRelay, crcTarget, type ForwardConfig } from "./router.js";
import { createReplayer } from "./replayer.js";
import { openTunnelFor, type TunnelConfig } from "./tunnel.js";
import { startWebsocketBridge, type WebsocketSource } from "./websocket-bridge.js";
import { openListenStore } from "./store.js";
import type { OpenedCaptureStore } from "../store/open.js";
import { maskStoreUrl } from "../store/spec.js";
import type { TunnelOpener } from "../tunnel/index.js";
import { zoomProvider } from "../providers/zoom/index.js";
import type { WebhookProvider } from "../providers/types.js";

export interface ListenConfig {
  host: string;
  port: number;
  /** True when the user chose the port: busy means exit 3 instead of falling back. */
  portExplicit: boolean;
  path: string;
  /** Whose webhooks this listener takes (default Zoom). */
  provider?: WebhookProvider;
  /** The current secret (signs replays, answers the handshake). */
  secret?: string;
  /** The previous secret, during a rotation: deliveries signed with it are valid too. */
  previousSecret?: string;
  secretSource?: string;
  /** The secret was made up for this session (none was set): registered for local senders, never used for the app's CRC. */
  devSecret?: boolean;
  toleranceSeconds: number;
  maxBody: number;
  forward?: ForwardConfig;
  /** A directory or a postgres:// URL (see openCaptureStore). */
  store: false | { spec: string; maxCaptures?: number; maxBytes?: number };
  inspect: false | { host: string; port: number };
  tunnel: false | TunnelConfig;
  /** Events from a Zoom WebSocket subscription instead of (or beside) webhooks. */
  websocket?: WebsocketSource;
  cwd: string;
  /** The zoomhook.config.json these settings came from, for the banner. */
  configFile?: string;
}

export interface ListenDeps {
  bus: Bus;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  tunnelOpener?: TunnelOpener;
  /** An already open store to write to instead of config.store's directory (the session neither locks nor closes it). */
  store?: CaptureStore;
  /** Every capture in full (body and forward result included), after it was answered: the library API waits on these. */
  onCapture?: (capture: Capture) => void;
}

export interface ListenSession {
  ready: ReadyEvent;
  receiver: Receiver;
  close(): Promise<void>;
}

export async function startListen(config: ListenConfig, deps: ListenDeps): Promise<ListenSession> {
  const { bus } = deps;
  const provider = config.provider ?? zoomProvider;
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    let store: CaptureStore | undefined;
    let newId: (() => string) | undefined;
    let opened: OpenedCaptureStore | undefined;
    if (deps.store) {
      store = deps.store;
    } else if (config.store) {
      opened = await openListenStore(config.store, bus, Boolean(config.inspect));
      cleanups.push(() => opened!.close());
      store = opened.writer;
      const { newCaptureId } = await import("../store/capture-id.js");
      newId = () => newCaptureId();
    }
    const replayer = createReplayer();
    const receiver = await listenWithFallback(config, deps, bus, {
      newId,
      persist: store ? (c) => store.append(c) : undefined,
      onCapture: (c: Capture) => {
        replayer.observe(c);
        deps.onCapture?.(c);
        bus.emit({ type: "request", capture: summarize(c), forwardBodyPreview: c.forward?.body?.slice(0, 200) });
      },
    });
    cleanups.push(() => receiver.close());
    checkForwardTargets(config.forward, receiver);

    const clear = async () => {
      if (!store) throw configError("no_store", "this listener keeps no captures");
      await store.clear();
      bus.emit({ type: "cleared" });
    };
    const control = await startControl({ clear });
    cleanups.push(() => control.close());

    let publicUrl: string | null = null;
    if (config.tunnel) {
      const tunnel = await openTunnelFor({ ngrokProvider: provider.ngrokProvider, ...config.tunnel }, receiver, config.secret, bus, deps);
      cleanups.push(() => tunnel.close());
      publicUrl = `${tunnel.url}${config.path}`;
    }

    if (config.websocket) {
      const bridge = await startWebsocketBridge(config.websocket, receiver, config.secret, bus, deps.clock);
      cleanups.push(() => bridge.close());
    }

    let inspectorUrl: string | null = null;
    if (config.inspect && store) {
      const { startInspector } = await import("../inspector/index.js");
      const inspector = await startInspector({
        host: config.inspect.host,
        port: config.inspect.port,
        store: opened?.reader ?? store,
        feed: opened?.shared ? opened.feed : undefined,
        bus,
        endpointUrl: publicUrl ?? receiver.url,
        provider: provider.name,
        listener: opened?.listener,
        actions: { replay: (id, o) => replayer.replay(store, id, receiver.url, config.secret, o), clear },
      });
      cleanups.push(() => inspector.close());
      inspectorUrl = inspector.url;
    }

    // Never the password of a postgres:// store.
    const storeName = opened ? opened.spec.display : config.store ? maskStoreUrl(config.store.spec) : null;
    const ready: ReadyEvent = {
      type: "ready",
      localUrl: receiver.url,
      publicUrl,
      inspectorUrl,
      pid: process.pid,
      provider: provider.name,
      setup: provider.setup,
      verifiedBy: config.tunnel && config.tunnel.ngrokVerify ? "ngrok" : config.secret ? "zoomhook" : "nobody",
      secretSource: config.secretSource,
      forwardTo: config.forward?.to ?? null,
      routes: config.forward?.routes ?? [],
      crcTo:
        !provider.handshake || (config.tunnel && config.tunnel.ngrokVerify)
          ? null
          : (crcTarget(config.forward, config.devSecret ? undefined : config.secret) ?? null),
      configFile: config.configFile ?? null,
      store: storeName,
      via: config.websocket ? "websocket" : "webhook",
    };
    if (config.websocket) ready.subscriptionId = config.websocket.subscriptionId;
    const unregister = registerListener(
      {
        pid: process.pid,
        provider: provider.name,
        cwd: config.cwd,
        startedAt: new Date((deps.clock ?? systemClock).now()).toISOString(),
        localUrl: receiver.url,
        publicUrl,
        inspectorUrl,
        controlUrl: control.url,
        controlToken: control.token,
        secretFingerprint: secretFingerprint(config.secret),
        devSecret: config.devSecret ? config.secret : null,
        store: storeName,
        ready: true,
      },
      deps.env,
    );
    cleanups.push(unregister);
    bus.emit(ready);
    return { ready, receiver, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function listenWithFallback(
  config: ListenConfig,
  deps: ListenDeps,
  bus: Bus,
  hooks: { newId?: () => string; persist?: (c: Capture) => Promise<void>; onCapture: (c: Capture) => void },
): Promise<Receiver> {
  const options = {
    host: config.host,
    path: config.path,
    provider: config.provider,
    secrets: [config.secret, config.previousSecret].filter((s): s is string => Boolean(s)),
    toleranceSeconds: config.toleranceSeconds,
    maxBody: config.maxBody,
    clock: deps.clock,
    // A dev secret cannot answer a real CRC: the app (which may hold the real secret) gets it instead.
    relay: config.forward ? createRelay(config.forward, config.devSecret ? undefined : config.secret) : undefined,
    onError: (err: unknown) => {
      // While the store is down every request fails the same way; the store_down warning already said so.
      if ((err as { code?: unknown })?.code === "store_down") return;
      bus.emit({ type: "error", code: "request_failed", message: (err as Error)?.message ?? String(err) });
    },
    ...hooks,
  };
  try {
    return await startReceiver({ ...options, port: config.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" && !config.portExplicit) {
      const receiver = await startReceiver({ ...options, port: 0 });
      bus.emit({ type: "info", code: "port_fallback", message: `port ${config.port} is busy; listening on ${receiver.port} instead` });
      return receiver;
    }
    if (code === "EADDRINUSE") {
      throw configError("port_in_use", `Port ${config.port} on ${config.host} is already in use.`, {
        hint: "Another zoomhook or app is listening there: stop it, pick another --port, or use --port 0 for any free port.",
      });
    }
    if (code === "EADDRNOTAVAIL" || code === "EACCES") {
      throw configError("cannot_listen", `Cannot listen on ${config.host}:${config.port} (${code}).`, { hint: "Check --host and --port." });
    }
    throw err;
  }
}

function checkForwardTargets(forward: ForwardConfig | undefined, receiver: Receiver): void {
  if (!forward) return;
  for (const url of [forward.to, ...forward.routes.map((r) => r.url)]) {
    if (!url) continue;
    if (pointsAtReceiver(url, receiver.host, receiver.port)) {
      throw usageError("forward_loop", `--forward-to ${url} points at zoomhook's own receiver: every request would loop.`, {
        hint: "Forward to your app's address instead (for example http://localhost:3000/zoom).",
      });
    }
  }
}
