// `zoomhook listen`: resolve flags (flag > environment > .env > zoomhook.config.json), run the session, render it.
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type { Command } from "commander";
import { createBus } from "../../shared/bus.js";
import { configError, usageError } from "../../shared/errors.js";
import type { ListenConfig } from "../../session/listen.js";
import type { WebsocketSource } from "../../session/websocket-bridge.js";
import { isPostgresSpec, resolveStoreSpec } from "../../store/spec.js";
import { loadConfigFile } from "../config-file.js";
import { humanRenderer, jsonRenderer } from "../render/listen.js";
import { DEV_SECRET_SOURCE, resolveSecret, whyNoSecret } from "../secret.js";
import { getProvider } from "../../providers/registry.js";
import type { WebhookProvider } from "../../providers/types.js";

export const DEFAULT_PORT = 4050;

export interface ListenFlags {
  provider?: string;
  port?: number;
  host: string;
  path: string;
  secret?: string;
  tolerance: number;
  maxBody: number;
  json?: boolean;
  tunnel: boolean;
  authtoken?: string;
  domain?: string;
  ngrokVerify?: boolean;
  forwardTo?: string;
  forwardCrc?: boolean;
  forwardTimeout: number;
  store?: string;
  maxCaptures: number;
  maxStoreBytes: number;
  inspect: boolean;
  inspectPort: number;
  inspectHost: string;
  via: "webhook" | "websocket";
  subscriptionId?: string;
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
}

export async function listenCommand(flags: ListenFlags, cmd: Command, version: string): Promise<void> {
  const env = process.env;
  const cwd = process.cwd();
  const file = loadConfigFile(cwd);
  const fromCli = (name: string) => cmd.getOptionValueSource(name) === "cli";
  const pick = <T>(name: keyof ListenFlags, configValue: T | undefined): T =>
    (fromCli(name) || configValue === undefined ? flags[name] : configValue) as T;

  const provider = getProvider(flags.provider ?? file.listen.provider);
  const own = resolveSecret(flags.secret, env, provider.secret.env);
  const previousSecret = own.previous;
  const websocket = flags.via === "websocket" ? websocketSource(flags, env, provider) : undefined;
  if (websocket && (flags.ngrokVerify || flags.domain)) {
    throw usageError("conflicting_flags", `--via websocket and ${flags.ngrokVerify ? "--ngrok-verify" : "--domain"} cannot be used together: with a WebSocket subscription there is no tunnel.`);
  }
  const tunnelOn = websocket ? false : fromCli("tunnel") ? flags.tunnel : (file.listen.tunnel ?? true);
  const ngrokVerify = pick<boolean | undefined>("ngrokVerify", file.listen.ngrokVerify) ?? false;
  const forwardCrc = pick<boolean | undefined>("forwardCrc", file.listen.forwardCrc) ?? false;
  if (forwardCrc && !provider.handshake) {
    throw usageError("conflicting_flags", `--forward-crc and --provider ${provider.name} cannot be used together: ${provider.title} sends no URL validation.`);
  }
  if (ngrokVerify && forwardCrc) {
    throw usageError("conflicting_flags", "--ngrok-verify and --forward-crc cannot be used together: with --ngrok-verify, ngrok answers the CRC itself.", {
      hint: "Drop --ngrok-verify to test your app's CRC code through zoomhook.",
    });
  }
  if (ngrokVerify && !tunnelOn) throw usageError("conflicting_flags", "--ngrok-verify needs the tunnel; it cannot be used with --no-tunnel.");
  if (ngrokVerify && !own.secret) {
    throw configError("no_secret", "--ngrok-verify needs the secret token, for ngrok to verify signatures with.", {
      hint: `Set ${provider.secret.env} (in the environment or ./.env).`,
    });
  }
  const portChosen = fromCli("port") || file.listen.port !== undefined;
  const forwardTo = flags.forwardTo ?? file.listen.forwardTo;
  const storeSpec = resolveStoreSpec(flags.store, env, file.listen.store);
  const inspectOn = fromCli("inspect") ? flags.inspect : (file.listen.inspect ?? true);
  // No secret: make one up for this session, so the first run works end to end (send, crc and replay
  // aimed at this listener find it in the 0600 registry entry). Same shape as Zoom's: 22 url-safe characters.
  // Not with --via websocket: frames are signed for the app with the secret, and a made-up one would fail there.
  const devSecret = !own.secret && !websocket;
  const secret = own.secret ?? (devSecret ? randomBytes(16).toString("base64url") : undefined);
  const secretSource = devSecret ? DEV_SECRET_SOURCE : own.source;
  const config: ListenConfig = {
    host: pick("host", file.listen.host),
    port: flags.port ?? file.listen.port ?? DEFAULT_PORT,
    portExplicit: portChosen,
    path: pick("path", file.listen.path),
    provider,
    secret,
    previousSecret,
    secretSource,
    devSecret,
    toleranceSeconds: pick("tolerance", file.listen.tolerance),
    maxBody: pick("maxBody", file.listen.maxBody),
    forward:
      forwardTo || file.routes.length > 0
        ? { to: forwardTo, routes: file.routes, forwardCrc, timeoutMs: pick("forwardTimeout", file.listen.forwardTimeout) }
        : undefined,
    store: { spec: isPostgresSpec(storeSpec) ? storeSpec : resolve(cwd, storeSpec), maxCaptures: flags.maxCaptures, maxBytes: flags.maxStoreBytes },
    inspect: inspectOn ? { host: pick("inspectHost", file.listen.inspectHost), port: pick("inspectPort", file.listen.inspectPort) } : false,
    tunnel: tunnelOn
      ? {
          authtoken: flags.authtoken ?? env.NGROK_AUTHTOKEN,
          domain: flags.domain ?? env.NGROK_DOMAIN ?? file.listen.domain,
          ngrokVerify,
          // For tests and contributors' edges, like ZOOMHOOK_NGROK_SERVER_ADDR; users keep the default.
          connectTimeoutMs: env.ZOOMHOOK_NGROK_CONNECT_TIMEOUT_MS ? Number(env.ZOOMHOOK_NGROK_CONNECT_TIMEOUT_MS) : undefined,
        }
      : false,
    websocket,
    cwd,
    configFile: file.file,
  };
  if (config.tunnel && !config.tunnel.authtoken) {
    throw configError("ngrok_no_authtoken", "No ngrok authtoken.", {
      hint: "Get one at https://dashboard.ngrok.com/get-started/your-authtoken and set NGROK_AUTHTOKEN,\nor run `zoomhook listen --no-tunnel` to stay local.",
    });
  }

  const bus = createBus();
  const renderer = flags.json ? jsonRenderer() : humanRenderer(version);
  bus.on(renderer.render);
  warnUpFront(bus, config, provider);
  const { startListen } = await import("../../session/listen.js");
  const session = await startListen(config, { bus, env });
  // The ready line's name for the store: a postgres:// URL with its password masked.
  await waitForStop(session.close, renderer.flush, session.ready.store ?? undefined);
}

function warnUpFront(bus: ReturnType<typeof createBus>, config: ListenConfig, provider: WebhookProvider): void {
  if (config.devSecret) {
    const why = whyNoSecret(process.env, provider.secret.env);
    const title = provider.title;
    bus.emit({
      type: "warning",
      code: "dev_secret",
      message:
        `No secret token set: using a dev secret made up for this session (\`zoomhook send\`${provider.handshake ? ", `crc`" : ""} and \`replay\` aimed at this listener use it). ` +
        `Real ${title} traffic needs your app's secret: with the dev secret, ${provider.handshake ? `${title}'s URL validation fails and ` : ""}its deliveries are answered 401.`,
      hint: `${why ? `${why} ` : ""}Set ${provider.secret.env} (${provider.secret.where}) in the environment or ./.env for real ${title} traffic.`,
    });
  } else if (!config.secret) {
    const why = whyNoSecret(process.env, provider.secret.env);
    bus.emit({
      type: "warning",
      code: "no_secret",
      message: "No secret token: events are not verified, and they reach your app unsigned.",
      hint: `${why ? `${why} ` : ""}Set ${provider.secret.env} (${provider.secret.where}) in the environment or ./.env.`,
    });
  }
  if (config.inspect && !["127.0.0.1", "localhost", "::1"].includes(config.inspect.host)) {
    bus.emit({
      type: "warning",
      code: "inspector_exposed",
      message: `The inspector binds to ${config.inspect.host}: anyone who can reach it and has the token can see captured payloads and headers.`,
    });
  }
}

/** Run until Ctrl-C or SIGTERM, then close everything within a bounded time, say so in one line, and exit 0. */
function waitForStop(close: () => Promise<void>, flush: () => void, store: string | undefined): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        process.exit(0); // a second Ctrl-C: the user wants out now
      }
      stopping = true;
      const force = setTimeout(() => process.exit(0), 4000);
      force.unref();
      close()
        .catch(() => undefined)
        .finally(() => {
          flush();
          // On a terminal the ^C echo has no newline: start a fresh line so the prompt does not land on it.
          process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}zoomhook stopped${store ? `; captures are kept in ${store}` : ""}.\n`);
          process.exitCode = 0;
          done();
        });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The WebSocket subscription to read events from: --subscription-id (or the whole wss:// URL) and the app's credentials. */
function websocketSource(flags: ListenFlags, env: NodeJS.ProcessEnv, provider: WebhookProvider): WebsocketSource {
  if (provider.name !== "zoom") {
    throw usageError("conflicting_flags", `--via websocket and --provider ${provider.name} cannot be used together: WebSocket subscriptions are Zoom's.`);
  }
  let subscriptionId = flags.subscriptionId ?? env.ZOOM_SUBSCRIPTION_ID;
  if (subscriptionId && /^wss?:\/\//i.test(subscriptionId)) {
    const fromUrl = new URL(subscriptionId).searchParams.get("subscriptionId");
    if (!fromUrl) throw usageError("bad_subscription_url", `The WebSocket URL has no subscriptionId parameter: ${subscriptionId.split("?")[0]}.`);
    subscriptionId = fromUrl;
  }
  if (!subscriptionId) {
    throw usageError("missing_flag", "--via websocket needs --subscription-id (or the wss://…?subscriptionId=… URL from the Marketplace).", {
      hint: "It is on your app's Event Subscriptions page once the subscription's method is WebSocket.",
    });
  }
  const clientId = flags.clientId ?? env.ZOOM_CLIENT_ID;
  const clientSecret = flags.clientSecret ?? env.ZOOM_CLIENT_SECRET;
  const missing = [!clientId && "ZOOM_CLIENT_ID", !clientSecret && "ZOOM_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw configError("no_credentials", `--via websocket needs the app's ${missing.join(" and ")}.`, {
      hint: "Set them (and ZOOM_ACCOUNT_ID for a Server-to-Server OAuth app) in the environment or ./.env, from the app's App Credentials page.",
    });
  }
  return {
    subscriptionId,
    credentials: { clientId: clientId!, clientSecret: clientSecret!, accountId: flags.accountId ?? env.ZOOM_ACCOUNT_ID },
    // Test seams, like ZOOMHOOK_NGROK_SERVER_ADDR: a fake Zoom on loopback.
    oauthUrl: env.ZOOMHOOK_ZOOM_OAUTH_URL,
    wsUrl: env.ZOOMHOOK_ZOOM_WS_URL,
    heartbeatMs: env.ZOOMHOOK_ZOOM_WS_HEARTBEAT_MS ? Number(env.ZOOMHOOK_ZOOM_WS_HEARTBEAT_MS) : undefined,
    retryMs: env.ZOOMHOOK_ZOOM_WS_RETRY_MS ? Number(env.ZOOMHOOK_ZOOM_WS_RETRY_MS) : undefined,
  };
}
