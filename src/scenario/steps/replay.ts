// The `replay` step: an earlier step's delivery or a stored capture, re-signed (and optionally edited) like `zoomhook replay`.
import { deliverMany } from "../../sender/deliver.js";
import { prepareReplay } from "../../sender/replay.js";
import type { Capture } from "../../shared/capture.js";
import { configError } from "../../shared/errors.js";
import { setPath } from "../../events/set-path.js";
import { ReferenceFailure, resolveText, resolveValue } from "../resolve.js";
import type { ReplaySpec } from "../types.js";
import type { StepContext, StepOutcome } from "./context.js";
import { fromDeliveries } from "./send.js";

export async function runReplay(spec: ReplaySpec, ctx: StepContext): Promise<StepOutcome> {
  const capture = spec.step !== undefined ? fromStep(spec.step, ctx) : await fromStore(spec, ctx);
  let body: Buffer | undefined;
  if (spec.set.length + spec.setString.length > 0) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(capture.body.toString("utf8")) as Record<string, unknown>;
    } catch {
      throw new ReferenceFailure(`the replayed body is not JSON, so set cannot edit it`);
    }
    for (const o of spec.set) setPath(parsed, o.path, resolveValue(o.value, ctx.scope));
    for (const o of spec.setString) setPath(parsed, o.path, resolveText(o.value, ctx.scope) ?? "");
    body = Buffer.from(JSON.stringify(parsed), "utf8");
  }
  // Never marked as a replay: zoomhook's own listener would then keep it from the app.
  const prepared = prepareReplay(capture, { secret: ctx.secret, keepSignature: spec.keepSignature, sameId: spec.sameId, body, markReplayOf: false });
  const { results } = await deliverMany({
    url: ctx.url,
    count: 1,
    concurrency: 1,
    timeoutMs: ctx.timeoutMs,
    keepRequests: true,
    agent: ctx.agent,
    requestIdHeader: ctx.provider.requestIdHeader,
    prepare: () => prepared,
  });
  return fromDeliveries(results, ctx.url);
}

/** An earlier step's request, shaped as the capture a listener would have recorded. */
function fromStep(name: string, ctx: StepContext): Capture {
  const request = ctx.scope.steps.get(name)?.request;
  if (!request) throw new ReferenceFailure(`step "${name}" sent nothing to replay (it was skipped, or failed before sending)`);
  const body = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
  return {
    id: `step:${name}`,
    provider: ctx.provider.name,
    receivedAt: new Date().toISOString(),
    method: "POST",
    path: "/",
    headers: Object.entries(request.headers),
    body,
    bodySize: body.length,
    truncated: false,
    kind: "event",
    verification: "unverified",
    response: { status: 0, headers: {}, body: "" },
    durationMs: 0,
  };
}

async function fromStore(spec: ReplaySpec, ctx: StepContext): Promise<Capture> {
  // One after the other: Jest's ESM loader (the harness runs under it) fails on concurrent imports that share modules.
  const { resolveStoreSpec } = await import("../../store/spec.js");
  const { openCaptureStore } = await import("../../store/open.js");
  const store = await openCaptureStore(resolveStoreSpec(spec.store ?? ctx.store, ctx.scope.env), { mode: "read", cwd: ctx.cwd });
  try {
    const id = resolveText(spec.capture, ctx.scope) ?? "last";
    const capture = await store.reader.get(id);
    if (!capture) throw configError("unknown_capture", `No capture "${id}" in ${store.spec.display}.`, { hint: "`zoomhook log` lists them; `last` is the newest." });
    return capture;
  } finally {
    await store.close();
  }
}
