// The scenario runner: plays validated scenarios in order and returns their results. Never prints; reports through callbacks.
import { dirname } from "node:path";
import { createAgent } from "../http/client.js";
import { getProvider } from "../providers/registry.js";
import type { WebhookProvider } from "../providers/types.js";
import { configError } from "../shared/errors.js";
import { resolveText, scenarioScope } from "./resolve.js";
import { executeStep } from "./run-step.js";
import { selectSteps } from "./select.js";
import type { StepContext } from "./steps/context.js";
import type { RunResult, Scenario, ScenarioResult, Step, StepResult } from "./types.js";

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export interface RunOptions {
  /** Send every scenario here, whatever its file says. */
  to?: string;
  /** Where a scenario with no target sends (the CLI: the running listener). */
  defaultTarget?: (scenario: Scenario) => string;
  /** The secret that signs for a provider (default: none). */
  secretFor?: (provider: WebhookProvider) => string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where replay steps without a store of their own find captures (default: $ZOOMHOOK_STORE, else ./.zoomhook). */
  store?: string;
  /** Only steps whose "scenario step" names contain this (plus the steps they read). */
  grep?: string;
  /** Stop at the first failed step; the rest are skipped. */
  bail?: boolean;
  /** Each request's answer timeout (default: the scenario's defaults.timeout, else 10 s). */
  timeoutMs?: number;
  /** Aborted when the app under test stops: the running step and every later one fail with the reason. */
  signal?: AbortSignal;
  onScenarioStart?: (scenario: Scenario, target: string) => void;
  onStep?: (result: StepResult, scenario: Scenario) => void;
  onScenarioEnd?: (result: ScenarioResult) => void;
}

export async function runScenarios(scenarios: readonly Scenario[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const providers = new Map(scenarios.map((s) => [s.file, getProvider(s.provider)]));
  // Refuse before anything is sent, rather than failing halfway.
  for (const s of scenarios) {
    const provider = providers.get(s.file)!;
    const selected = selectSteps(s, options.grep);
    if (s.steps.some((step) => selected.has(step.index) && needsSecret(step)) && !options.secretFor?.(provider)) {
      throw configError("no_secret", `No secret token to sign ${s.file}'s deliveries with.`, { hint: `Set ${provider.secret.env} (in the environment or ./.env), or pass --secret.` });
    }
  }
  // Steps run one after another: one keep-alive connection serves them all.
  const agent = createAgent(1);
  const results: ScenarioResult[] = [];
  const state = { bailed: false, made: 0, answered: 0 };
  try {
    for (const scenario of scenarios) results.push(await playScenario(scenario, providers.get(scenario.file)!, options, env, agent, state));
  } finally {
    await agent.close();
  }
  const steps = results.flatMap((r) => r.steps);
  const summary = {
    scenarios: results.length,
    steps: steps.length,
    passed: steps.filter((s) => s.status === "passed").length,
    failed: steps.filter((s) => s.status === "failed").length,
    skipped: steps.filter((s) => s.status === "skipped").length,
  };
  const result: RunResult = { status: summary.failed > 0 ? "failed" : "passed", durationMs: round(performance.now() - started), summary, scenarios: results };
  if (state.made > 0 && state.answered === 0) result.targetUnreachable = true;
  return result;
}

function needsSecret(step: Step): boolean {
  if (step.type === "send") return !step.send.badSignature && !step.send.noSignature;
  if (step.type === "replay") return !step.replay.keepSignature;
  return step.type === "crc" || step.type === "check";
}

async function playScenario(
  scenario: Scenario,
  provider: WebhookProvider,
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  agent: ReturnType<typeof createAgent>,
  state: { bailed: boolean; made: number; answered: number },
): Promise<ScenarioResult> {
  const started = performance.now();
  const selected = selectSteps(scenario, options.grep);
  const skipAll = (reason: string, target = ""): ScenarioResult => {
    const steps = scenario.steps.map((s) => skipped(s, reason));
    return { file: scenario.file, name: scenario.name, provider: provider.name, target, line: scenario.line, status: "skipped", durationMs: 0, steps };
  };
  if (selected.size === 0) return skipAll("not selected by --grep");
  if (state.bailed) return skipAll("--bail: an earlier step failed");
  const scope = scenarioScope(scenario.vars, env);
  // Only webhook steps need a target: a scenario of http and wait steps runs without one.
  const delivers = scenario.steps.some((s) => selected.has(s.index) && (s.type === "send" || s.type === "crc" || s.type === "check" || s.type === "replay"));
  const target = options.to ?? resolveText(scenario.target, scope) ?? (delivers ? options.defaultTarget?.(scenario) : "");
  if (target === undefined || (delivers && !target)) throw configError("no_target", `${scenario.file} has no target, and none was given.`, { hint: "Pass --to <url>, set target: in the file, or start `zoomhook listen`." });
  options.onScenarioStart?.(scenario, target);
  const ctx: StepContext = {
    provider,
    url: target,
    secret: options.secretFor?.(provider),
    scope,
    dir: dirname(scenario.file),
    timeoutMs: options.timeoutMs ?? scenario.defaults.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    profile: scenario.defaults.headers,
    agent,
    signal: options.signal,
    cwd: options.cwd ?? process.cwd(),
    store: options.store,
  };
  const steps: StepResult[] = [];
  for (const step of scenario.steps) {
    let result: StepResult;
    if (!selected.has(step.index)) result = skipped(step, "not selected by --grep");
    else if (state.bailed) result = skipped(step, "--bail: an earlier step failed");
    else if (options.signal?.aborted) result = failedBy(step, abortMessage(options.signal));
    else result = await playStep(step, ctx, options.signal, state);
    if (result.status === "failed" && options.bail) state.bailed = true;
    steps.push(result);
    options.onStep?.(result, scenario);
  }
  const status = steps.some((s) => s.status === "failed") ? "failed" : steps.every((s) => s.status === "skipped") ? "skipped" : "passed";
  const result: ScenarioResult = { file: scenario.file, name: scenario.name, provider: provider.name, target, line: scenario.line, status, durationMs: round(performance.now() - started), steps };
  options.onScenarioEnd?.(result);
  return result;
}

async function playStep(step: Step, ctx: StepContext, signal: AbortSignal | undefined, state: { made: number; answered: number }): Promise<StepResult> {
  const t = performance.now();
  const outcome = await executeStep(step, ctx);
  // The app stopped while this step ran: whatever it answered, the step did not see a working app.
  if (signal?.aborted) outcome.failures.unshift({ check: "app", message: abortMessage(signal) });
  if (outcome.deliveries) {
    state.made += outcome.deliveries.made;
    state.answered += outcome.deliveries.answered;
  }
  if (outcome.record && step.named) ctx.scope.steps.set(step.name, outcome.record);
  const result: StepResult = {
    index: step.index,
    name: step.name,
    type: step.type,
    status: outcome.failures.length > 0 ? "failed" : "passed",
    line: step.line,
    durationMs: round(performance.now() - t),
    exchanges: outcome.exchanges,
    failures: outcome.failures,
  };
  if (outcome.attempts !== undefined) result.attempts = outcome.attempts;
  if (outcome.check) result.check = outcome.check;
  return result;
}

function skipped(step: Step, reason: string): StepResult {
  return { index: step.index, name: step.name, type: step.type, status: "skipped", line: step.line, durationMs: 0, exchanges: [], failures: [], skipReason: reason };
}

function failedBy(step: Step, message: string): StepResult {
  return { index: step.index, name: step.name, type: step.type, status: "failed", line: step.line, durationMs: 0, exchanges: [], failures: [{ check: "app", message }] };
}

function abortMessage(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : typeof r === "string" ? r : "the run was stopped";
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
