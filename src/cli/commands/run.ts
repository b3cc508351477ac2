// `zoomhook run`: validate scenario files, bring up the app and an in-process listener if asked, play, report.
import type { Command } from "commander";
import { getProvider } from "../../providers/registry.js";
import type { WebhookProvider } from "../../providers/types.js";
import type { AppHandle } from "../../scenario/app.js";
import type { RunResult, Scenario } from "../../scenario/index.js";
import { isZoomhookError, usageError } from "../../shared/errors.js";
import { planReporters, stdoutTaken } from "../run-output.js";
import { loadAll, writeReports } from "../run-reports.js";
import { resolveSecret } from "../secret.js";
import { signingSecret } from "../signing-secret.js";
import { startRunListener } from "../run-listen.js";

export interface RunFlags {
  to?: string;
  secret?: string;
  listen?: boolean;
  forwardTo?: string;
  store?: string;
  app?: string;
  appReady?: string;
  appTimeout: number;
  reporter: string[];
  output?: string;
  grep?: string;
  bail?: boolean;
  timeout?: number;
  printSchema?: boolean;
}

export async function runCommand(args: string[], f: RunFlags, _cmd: Command): Promise<void> {
  if (f.printSchema) return void process.stdout.write(await (await import("../../scenario/schema.js")).readSchemaText());
  if (args.length === 0) throw usageError("no_scenarios", "Name the scenario files to run, e.g. `zoomhook run scenarios/*.yaml`.", { hint: "`zoomhook run --help` shows the options." });
  const plans = planReporters(f.reporter, f.output);
  if (f.to && (f.listen || f.forwardTo)) throw usageError("conflicting_flags", "--to and --listen cannot be used together: with --listen, the scenarios send to the in-process listener.");
  const listen = Boolean(f.listen || f.forwardTo);
  const { expandScenarioArgs } = await import("../../scenario/glob.js");
  const scenarios = await loadAll(expandScenarioArgs(args), plans);
  const secrets = new Map<string, string | undefined>();
  // The user's own secret; else, like `send`, a running listener's dev secret when that listener is the target.
  const toListener = !listen && (f.to !== undefined || scenarios.every((s) => s.target === undefined));
  const secretFor = (p: WebhookProvider) => {
    if (!secrets.has(p.name)) {
      // signingSecret takes the user's own first, as send does.
      secrets.set(p.name, toListener ? signingSecret(f.secret, f.to, { envName: p.secret.env, provider: p.name }).secret : resolveSecret(f.secret, process.env, p.secret.env).secret);
    }
    return secrets.get(p.name);
  };
  const { prettyReporter } = await import("../render/run.js");
  const prettyPlan = plans.find((p) => p.name === "pretty");
  const toStderr = stdoutTaken(plans);
  const pretty = prettyPlan ? prettyReporter((t) => (toStderr ? process.stderr : process.stdout).write(t), toStderr) : undefined;
  const say = (t: string) => (pretty ? pretty.note(t) : process.stderr.write(`${t}\n`));

  let app: AppHandle | undefined;
  let listener: Awaited<ReturnType<typeof startRunListener>> | undefined;
  const cleanup = async () => {
    await listener?.close().catch(() => undefined);
    await app?.stop().catch(() => undefined);
  };
  // Ctrl-C stops the app (and everything it started) before zoomhook exits.
  const interrupted = (code: number) => () => {
    process.stderr.write("\ninterrupted\n");
    void cleanup().finally(() => process.exit(code));
  };
  process.once("SIGINT", interrupted(130));
  process.once("SIGTERM", interrupted(143));
  let result: RunResult;
  try {
    if (f.app) app = await startAppFor(f, scenarios, say);
    if (listen) {
      const providers = new Set(scenarios.map((s) => s.provider));
      if (providers.size > 1) throw usageError("mixed_providers", `--listen takes one provider's webhooks, but these scenarios use ${[...providers].join(" and ")}.`, { hint: "Run each provider's scenarios separately." });
      const provider = getProvider([...providers][0]);
      listener = await startRunListener({ provider, secret: f.secret, forwardTo: f.forwardTo, timeoutMs: f.timeout, store: f.store });
      say(`listening at ${listener.url}${f.forwardTo ? ` → forwarding to ${f.forwardTo}` : ""}${listener.inspectorUrl ? `  (inspector ${listener.inspectorUrl})` : ""}`);
    }
    const { runScenarios } = await import("../../scenario/index.js");
    const { resolveTarget } = await import("../../registry/target.js");
    result = await runScenarios(scenarios, {
      to: listener?.url ?? f.to,
      defaultTarget: (s) => {
        const t = resolveTarget(undefined, secretFor(getProvider(s.provider)));
        for (const n of t.notes) say(n);
        return t.url;
      },
      secretFor,
      store: f.store,
      grep: f.grep,
      bail: f.bail,
      timeoutMs: f.timeout,
      signal: app?.signal,
      onScenarioStart: (s, target) => pretty?.scenarioStart(s, target),
      onStep: (r) => pretty?.step(r),
    });
  } catch (err) {
    if (isZoomhookError(err) && typeof err.details?.output === "string") process.stderr.write(appOutputBlock(err.details.output));
    throw err;
  } finally {
    await cleanup();
  }
  if (app) result.appOutput = app.output();
  pretty?.done(result);
  await writeReports(plans, result);
  process.exitCode = result.targetUnreachable ? 4 : result.status === "failed" ? 1 : 0;
  if (result.targetUnreachable) say("nothing answered any delivery: is the target running? (exit 4)");
}

async function startAppFor(f: RunFlags, scenarios: Scenario[], say: (t: string) => void): Promise<AppHandle> {
  const { startApp } = await import("../../scenario/app.js");
  let port: { host: string; port: number } | undefined;
  if (!f.appReady) {
    const probeUrl = f.forwardTo ?? f.to ?? (await plainTarget(scenarios[0]!));
    if (!probeUrl) throw usageError("missing_flag", "--app needs --app-ready <url> here: no --to, --forward-to or plain target to watch for the app's port.");
    const u = new URL(probeUrl);
    port = { host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || (u.protocol === "https:" ? 443 : 80)) };
  }
  say(`starting the app: ${f.app}`);
  const app = await startApp({ command: f.app!, readyUrl: f.appReady, port, readyTimeoutMs: f.appTimeout });
  say(`the app is ready (pid ${app.pid})`);
  return app;
}

/** The first scenario's target with its env and vars filled in, when it needs nothing from a step. */
async function plainTarget(s: Scenario): Promise<string | undefined> {
  const { resolveText, scenarioScope } = await import("../../scenario/resolve.js");
  try {
    return resolveText(s.target, scenarioScope(s.vars, process.env));
  } catch {
    return undefined;
  }
}

function appOutputBlock(output: string): string {
  return `── app output ──\n${output.trimEnd() || "(nothing)"}\n────────────────\n`;
}
