// Compose the bodies a send delivers: a catalog event or a file, with overrides and robustness probes.
import type { BodyStyle } from "../events/index.js";
import type { WebhookProvider } from "../providers/types.js";
import { usageError } from "../shared/errors.js";

export interface ComposeOptions {
  event?: string;
  /** Raw bytes from --data: sent exactly as given unless something asks to change them. */
  data?: Buffer;
  overrides?: Array<{ path: string; value: unknown }>;
  seed?: number;
  meetingId?: string;
  /** A provider's payload variant (CircleCI: github or gitlab). */
  variant?: string;
  bodyStyle?: BodyStyle;
  keyOrder?: "zoom" | "shuffled";
  oversizeKb?: number;
  /** "Now" for the event's own timestamps (a stale probe dates the body like its signature). */
  nowMs?: number;
}

export interface Composed {
  event?: string;
  body: Buffer;
}

// Looked up once per process: a dynamic import() per send is measurable when a scenario sends a thousand times.
let eventsModule: Promise<typeof import("../events/index.js")> | undefined;

/** Returns a function producing the body of the i-th delivery (fresh ids each time for catalog events). */
export async function composer(provider: WebhookProvider, options: ComposeOptions): Promise<(index: number) => Composed> {
  const [events, catalog] = await Promise.all([(eventsModule ??= import("../events/index.js")), provider.catalog()]);
  const overrides = options.overrides ?? [];
  const reshapes = overrides.length > 0 || options.bodyStyle !== undefined || options.keyOrder !== undefined || options.oversizeKb !== undefined;
  const finish = (obj: Record<string, unknown>, index: number): Buffer => {
    for (const o of overrides) events.setPath(obj, o.path, o.value);
    const padded = options.oversizeKb ? events.padBody(obj, options.oversizeKb) : obj;
    const seed = options.seed === undefined ? undefined : options.seed + index;
    return Buffer.from(events.serializeBody(padded, { style: options.bodyStyle, keyOrder: options.keyOrder, seed }), "utf8");
  };
  if (options.data) {
    const raw = options.data;
    const parsed = parseObject(raw);
    const event = options.event ?? provider.classify(raw, {}).event;
    if (!reshapes) return () => ({ event, body: raw });
    if (!parsed) throw usageError("data_not_json", "--set and the body probes need a JSON object, but --data is not one.");
    return (i) => ({ event, body: finish(structuredClone(parsed), i) });
  }
  const name = options.event;
  if (!name) {
    throw usageError("missing_event", `Name an event to send, e.g. \`zoomhook send ${provider.name === "zoom" ? "meeting.started" : `workflow-completed --provider ${provider.name}`}\`, or pass --data <file>.`, {
      hint: `\`zoomhook events${provider.name === "zoom" ? "" : ` --provider ${provider.name}`}\` lists them.`,
    });
  }
  catalog.check(name); // unknown names fail here, with suggestions
  return (i) => {
    const built = catalog.build(name, {
      seed: options.seed === undefined ? undefined : options.seed + i,
      meetingId: options.meetingId,
      variant: options.variant,
      nowMs: options.nowMs,
    });
    // Fixtures are already in the provider's key order: a plain, compact send needs no re-ordering pass.
    return { event: name, body: reshapes ? finish(built, i) : Buffer.from(JSON.stringify(built), "utf8") };
  };
}

function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw.toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
