// `zoomhook listen`: resolve flags (flag > environment > .env > zoomhook.config.json), run the session, render it.
import { resolve } from "node:path";
import type { Command } from "commander";
import { createBus } from "../../shared/bus.js";
import { configError, usageError } from "../../shared/errors.js";
import type { ListenConfig } from "../../session/listen.js";
import { loadConfigFile } from "../config-file.js";
import { humanRenderer, jsonRenderer } from "../render/listen.js";
import { resolveSecret } from "../secret.js";
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
}

export async function listenCommand(flags: ListenFlags, cmd: Command, version: string): Promise<void> {
  const env = process.env;
  const cwd = process.cwd();
  const file = loadConfigFile(cwd);
  const fromCli = (name: string) => cmd.getOptionValueSource(name) === "cli";
  const pick = <T>(name: keyof ListenFlags, configValue: T | undefined): T =>
    (fromCli(name) || configValue === undefined ? flags[name] : configValue) as T;

  const provider = getProvider(flags.provider ?? file.listen.provider);
  const { secret, previous: previousSecret, source: secretSource } = resolveSecret(flags.secret, env, provider.secret.env);
  const tunnelOn = fromCli("tunnel") ? flags.tunnel : (file.listen.tunnel ?? true);
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
  if (ngrokVerify && !secret) {
    throw configError("no_secret", "--ngrok-verify needs the secret token, for ngrok to verify signatures with.", {
      hint: `Set ${provider.secret.env} (in the environment or ./.env).`,
    });
  }
  const portChosen = fromCli("port") || file.listen.port !== undefined;
  const forwardTo = flags.forwardTo ?? file.listen.forwardTo;
  const storeDir = flags.store ?? env.ZOOMHOOK_STORE ?? file.listen.store;
  const inspectOn = fromCli("inspect") ? flags.inspect : (file.listen.inspect ?? true);
  const config: ListenConfig = {
    host: pick("host", file.listen.host),
    port: flags.port ?? file.listen.port ?? DEFAULT_PORT,
    portExplicit: portChosen,
    path: pick("path", file.listen.path),
    provider,
    secret,
    previousSecret,
    secretSource,
    toleranceSeconds: pick("tolerance", file.listen.tolerance),
    maxBody: pick("maxBody", file.listen.maxBody),
    forward:
      forwardTo || file.routes.length > 0
        ? { to: forwardTo, routes: file.routes, forwardCrc, timeoutMs: pick("forwardTimeout", file.listen.forwardTimeout) }
        : undefined,
    store: { dir: resolve(cwd, storeDir ?? ".zoomhook"), maxCaptures: flags.maxCaptures, maxBytes: flags.maxStoreBytes },
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
    cwd,
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
  await waitForStop(session.close, renderer.flush);
}

function warnUpFront(bus: ReturnType<typeof createBus>, config: ListenConfig, provider: WebhookProvider): void {
  if (!config.secret) {
    const handshake = provider.handshake ? `, and ${provider.title}'s URL validation cannot be answered` : "";
    bus.emit({
      type: "warning",
      code: "no_secret",
      message: config.tunnel
        ? `No secret token: anyone with the public URL can post to you, signatures are not checked${handshake}.`
        : `No secret token: signatures are not checked${handshake}.`,
      hint: `Set ${provider.secret.env} (${provider.secret.where}) in the environment or ./.env.`,
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

/** Run until Ctrl-C or SIGTERM, then close everything within a bounded time and exit 0. */
function waitForStop(close: () => Promise<void>, flush: () => void): Promise<void> {
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
          process.exitCode = 0;
          done();
        });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
