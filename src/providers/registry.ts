// The providers zoomhook speaks. Adding one is a folder under src/providers/ and one line here.
import { usageError } from "../shared/errors.js";
import { circleciProvider } from "./circleci/index.js";
import type { ProviderName, WebhookProvider } from "./types.js";
import { zoomProvider } from "./zoom/index.js";

const PROVIDERS: readonly WebhookProvider[] = [zoomProvider, circleciProvider];

export const DEFAULT_PROVIDER: ProviderName = "zoom";

export function providerNames(): string[] {
  return PROVIDERS.map((p) => p.name);
}

/** The provider of that name; an unknown name is a usage error listing the known ones. */
export function getProvider(name: string | undefined = DEFAULT_PROVIDER): WebhookProvider {
  const key = name.trim().toLowerCase();
  const found = PROVIDERS.find((p) => p.name === key);
  if (!found) {
    throw usageError("unknown_provider", `Unknown provider "${name}".`, { hint: `zoomhook speaks: ${providerNames().join(", ")}.` });
  }
  return found;
}
