// The vocabulary of `check`: probes, their verdicts, what each sent and got back, and the report card.
import type { WebhookProvider } from "../providers/types.js";
import type { CheckContext } from "./context.js";

export type ProbeVerdict = "pass" | "warn" | "fail";

/** One request a probe made, and its answer (or why there was none). */
export interface Exchange {
  /** What this request was, for people: "meeting.started, pretty-printed". */
  label: string;
  request: {
    method: string;
    url: string;
    bytes: number;
    headers: Record<string, string>;
    /** The start of the body as sent. */
    bodyStart: string;
  };
  response?: {
    status: number;
    latencyMs: number;
    contentType?: string;
    /** The start of the body as received. */
    bodyStart: string;
  };
  /** Set when nothing answered: refused, timeout, reset, unreachable… */
  error?: { kind: string; message: string; latencyMs: number };
}

export interface ProbeResult {
  id: string;
  title: string;
  verdict: ProbeVerdict;
  /** One line: what happened. */
  summary: string;
  /** warn and fail: the likely cause. */
  cause?: string;
  /** warn and fail: what to change. */
  fix?: string;
  /** Worth knowing even on a pass (the check cannot see everything from outside). */
  note?: string;
  exchanges: Exchange[];
  /** Wall time of the probe, requests included. */
  durationMs?: number;
}

export interface CheckReport {
  url: string;
  provider: string;
  startedAt: string;
  durationMs: number;
  /** Every request the check made, all probes together. */
  requests: number;
  /** False when nothing ever answered: the remaining probes were not run. */
  reachable: boolean;
  strict: boolean;
  probes: ProbeResult[];
  /** Ids selected but not run (after an unreachable endpoint). */
  notRun: string[];
  counts: Record<ProbeVerdict, number>;
  /** The run's verdict: "fail" also when --strict turned warnings into failures. */
  verdict: ProbeVerdict | "unreachable";
}

export interface Probe {
  id: string;
  title: string;
  /** Whether the probe means anything for this provider (crc needs a handshake, stale a signed timestamp). */
  applies(provider: WebhookProvider): boolean;
  run(ctx: CheckContext): Promise<ProbeResult>;
}
