// The `send` step: one catalog event or fixture through the core sendEvents(), probes included.
import { readFile } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import type { AuthOption } from "../../sender/auth.js";
import { sendEvents } from "../../sender/send-events.js";
import type { DeliveryResult } from "../../sender/deliver.js";
import { resolveText, resolveValue } from "../resolve.js";
import type { Exchange, SendSpec } from "../types.js";
import { noAnswer, type StepContext, type StepOutcome } from "./context.js";

const fixtureCache = new Map<string, Promise<Buffer>>();

export async function runSend(spec: SendSpec, ctx: StepContext): Promise<StepOutcome> {
  const overrides = [
    ...spec.set.map((o) => ({ path: o.path, value: resolveValue(o.value, ctx.scope) })),
    ...spec.setString.map((o) => ({ path: o.path, value: resolveText(o.value, ctx.scope) ?? "" })),
  ];
  let data: Buffer | undefined;
  if (spec.data !== undefined) {
    const file = resolvePath(ctx.dir, spec.data);
    if (!fixtureCache.has(file)) fixtureCache.set(file, readFile(file));
    data = await fixtureCache.get(file)!;
  }
  const { results } = await sendEvents({
    provider: ctx.provider,
    url: ctx.url,
    secret: ctx.secret,
    event: spec.event,
    data,
    overrides,
    seed: spec.seed,
    meetingId: resolveText(spec.meetingId, ctx.scope),
    variant: spec.variant,
    bodyStyle: spec.bodyStyle,
    keyOrder: spec.keyOrder,
    signature: spec.noSignature ? "none" : spec.badSignature ? "bad" : "valid",
    profile: spec.headers ?? ctx.profile,
    staleSeconds: spec.stale,
    auth: authOptions(spec, ctx),
    timeoutMs: ctx.timeoutMs,
    duplicate: spec.duplicate,
    keepRequests: true,
    agent: ctx.agent,
  });
  return fromDeliveries(results, ctx.url);
}

function authOptions(spec: SendSpec, ctx: StepContext): AuthOption[] {
  const a = spec.auth;
  if (!a) return [];
  const out: AuthOption[] = [];
  if (a.basic) out.push({ kind: "basic", user: resolveText(a.basic.user, ctx.scope) ?? "", password: resolveText(a.basic.password, ctx.scope) ?? "" });
  if (a.bearer) out.push({ kind: "bearer", token: resolveText(a.bearer, ctx.scope) ?? "" });
  for (const c of a.custom ?? []) out.push({ kind: "custom", name: c.name, value: resolveText(c.value, ctx.scope) ?? "" });
  return out;
}

/** Delivery results → exchanges, the record later steps read, and failures for deliveries nothing answered. */
export function fromDeliveries(results: DeliveryResult[], url: string): StepOutcome {
  const exchanges: Exchange[] = results.map((r) => ({
    request: { method: "POST", url, headers: r.request?.headers ?? {}, body: r.request?.body.toString("utf8") ?? "" },
    response: r.status === undefined ? undefined : { status: r.status, headers: r.responseHeaders ?? {}, body: r.responseBody ?? "", latencyMs: r.durationMs },
    error: r.error,
  }));
  const first = results[0];
  const answered = results.filter((r) => r.status !== undefined).length;
  return {
    exchanges,
    failures: results.filter((r) => r.status === undefined).map((r) => noAnswer(r.error ?? "nothing answered")),
    record: first && {
      request: { method: "POST", url, headers: first.request?.headers ?? {}, body: first.request?.body ?? Buffer.alloc(0) },
      response: first.status === undefined ? undefined : { status: first.status, headers: first.responseHeaders ?? {}, body: first.responseBody ?? "" },
    },
    deliveries: { made: results.length, answered },
  };
}
