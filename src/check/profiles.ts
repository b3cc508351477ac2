// What the check sends for each provider: common events, and a free-text field the raw-bytes probe may fill.
import type { WebhookProvider } from "../providers/types.js";
import { usageError } from "../shared/errors.js";

export interface CheckProfile {
  /** Events a real integration sees often; valid-event sends each once. */
  events: readonly string[];
  /** The event most probes send. */
  probeEvent: string;
  /** A dotted path to a free-text field of probeEvent (the raw-bytes probe writes non-ASCII there). */
  textPath: string;
  /** A legal payload of this size (KiB) must be accepted; undefined when the provider's payloads stay small. */
  largeBodyKb?: number;
  /** How a correct endpoint computes the signature, for the fix lines. */
  signatureRecipe: string;
  /** What a receiver deduplicates on. */
  dedupeBy: string;
}

// Header names come from the provider: its protocol is written once, in its own folder.
const PROFILES: Record<string, (p: WebhookProvider) => CheckProfile> = {
  // Zoom's recording.completed and participant lists grow large; 200 KiB is still a legal event.
  zoom: (p) => ({
    events: ["meeting.started", "meeting.participant_joined", "recording.completed"],
    probeEvent: "meeting.started",
    textPath: "payload.object.topic",
    largeBodyKb: 200,
    signatureRecipe: `${p.signatureHeader} = "v0=" + hex(HMAC-SHA256(secret token, "v0:" + ${p.timestampHeader} + ":" + raw body))`,
    dedupeBy: `the ${p.requestIdHeader} header (the same on every retry of a delivery)`,
  }),
  // CircleCI's payloads are a few KiB (ids, names, one commit): a body limit is no bug there.
  circleci: (p) => ({
    events: ["workflow-completed", "job-completed"],
    probeEvent: "workflow-completed",
    textPath: "workflow.name",
    signatureRecipe: `${p.signatureHeader} = "v1=" + hex(HMAC-SHA256(secret token, raw body)), reading only the v1 entry of the list`,
    dedupeBy: "the payload's top-level id (the same on every redelivery)",
  }),
};

/** The provider's profile; a provider without one (a new provider, until it gets a line here) is a usage error. */
export function checkProfile(provider: WebhookProvider): CheckProfile {
  const profile = PROFILES[provider.name];
  if (!profile) throw usageError("check_unsupported", `\`zoomhook check\` has no probes for ${provider.title} yet.`);
  return profile(provider);
}
