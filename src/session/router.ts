// Which requests go to the developer's app, and where: config routes first, then --forward-to.
import { forwardDelivery } from "../forwarder/forward.js";
import { matchesPattern } from "../shared/pattern.js";
import type { Delivery, Relayed } from "../shared/relay.js";

export interface Route {
  /** An exact event name or a pattern with `*` (`meeting.*`, `*.completed`). */
  event: string;
  url: string;
}

export interface ForwardConfig {
  to?: string;
  routes: Route[];
  /** Hand the CRC to the app instead of answering it (needs no secret in zoomhook). */
  forwardCrc: boolean;
  timeoutMs: number;
}


export function routeFor(config: ForwardConfig, event: string | undefined): string | undefined {
  if (event) for (const r of config.routes) if (matchesPattern(r.event, event)) return r.url;
  return config.to;
}

/** The app URL the CRC is forwarded to, or undefined when zoomhook answers it (the rule createRelay applies). */
export function crcTarget(config: ForwardConfig | undefined, secret: string | undefined): string | undefined {
  if (!config || (secret && !config.forwardCrc)) return undefined;
  return routeFor(config, "endpoint.url_validation");
}

/** The receiver's relay hook. zoomhook answers the CRC itself when it knows the secret (fast, always right). */
export function createRelay(config: ForwardConfig, secret: string | undefined): (d: Delivery) => Promise<Relayed> | undefined {
  return (delivery) => {
    if (delivery.classified.kind === "crc" && secret && !config.forwardCrc) return undefined;
    const url = routeFor(config, delivery.classified.event);
    return url ? forwardDelivery(url, delivery, config.timeoutMs) : undefined;
  };
}
