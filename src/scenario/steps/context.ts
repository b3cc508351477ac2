// What every step executor gets, and what it gives back.
import type { CheckReport } from "../../check/types.js";
import type { HttpAgent } from "../../http/client.js";
import type { WebhookProvider } from "../../providers/types.js";
import type { Scope, StepRecord } from "../resolve.js";
import type { Exchange, Failure } from "../types.js";

export interface StepContext {
  provider: WebhookProvider;
  /** Where webhook steps deliver. */
  url: string;
  secret?: string;
  scope: Scope;
  /** The scenario file's folder: `data:` files are read from there. */
  dir: string;
  /** Each request's answer timeout. */
  timeoutMs: number;
  /** The scenario's default header profile. */
  profile?: string;
  agent: HttpAgent;
  /** Aborted when the app under test exits: waits end early. */
  signal?: AbortSignal;
  cwd: string;
  /** The run's capture store (--store), for replay steps that name none. */
  store?: string;
}

export interface StepOutcome {
  exchanges: Exchange[];
  failures: Failure[];
  /** What later steps may reference. */
  record?: StepRecord;
  attempts?: number;
  /** check steps: the report card. */
  check?: CheckReport;
  /** Deliveries made to the target, and how many got an answer (for "the target never came up"). */
  deliveries?: { made: number; answered: number };
}

export function noAnswer(error: string): Failure {
  return { check: "answer", message: `no answer: ${error}`, expected: "an answer", actual: error };
}
