// A scenario as validated (what the runner plays) and what a run returns: plain data, no behaviour.
import type { CheckReport } from "../check/types.js";
import type { Template } from "./template.js";

/** A string value that may hold `${…}` references; compiled once at validation. */
export type Value = string | Template | number | boolean | null | Value[] | { [key: string]: Value };

export interface Matcher {
  equals?: Value;
  contains?: Value;
  /** A regular expression, tested against the value as text. */
  matches?: string;
  exists?: boolean;
}

export interface Expect {
  /** Allowed statuses: numbers or classes such as "2xx". */
  status?: Array<number | string>;
  maxLatencyMs?: number;
  /** JSON path (dot-separated) → matcher, over the response body. */
  body?: Array<{ path: string; matcher: Matcher }>;
  /** Header name (lower-case) → matcher. */
  headers?: Array<{ name: string; matcher: Matcher }>;
}

export interface AuthSpec {
  basic?: { user: Value; password: Value };
  bearer?: Value;
  custom?: Array<{ name: string; value: Value }>;
}

export interface SendSpec {
  event?: string;
  set: Array<{ path: string; value: Value }>;
  /** Overrides whose value is always text (`set-string`). */
  setString: Array<{ path: string; value: Value }>;
  /** A fixture file, resolved against the scenario's folder. */
  data?: string;
  headers?: string;
  auth?: AuthSpec;
  bodyStyle?: "compact" | "pretty" | "escaped-unicode" | "escaped-slashes";
  keyOrder?: "zoom" | "shuffled";
  badSignature?: boolean;
  noSignature?: boolean;
  stale?: number;
  duplicate?: boolean;
  seed?: number;
  meetingId?: Value;
  variant?: string;
}

export interface CrcSpec {
  token?: Value;
}

/** zoomhook check's probes against the target; empty lists mean every probe that applies. */
export interface CheckSpec {
  only: string[];
  skip: string[];
  /** Warnings fail the step too. */
  strict: boolean;
}

export interface ReplaySpec {
  /** An earlier step whose delivery is replayed. */
  step?: string;
  /** A capture id (or `last`) from the store. */
  capture?: Value;
  store?: string;
  set: Array<{ path: string; value: Value }>;
  setString: Array<{ path: string; value: Value }>;
  keepSignature?: boolean;
  sameId?: boolean;
}

export interface HttpSpec {
  method: string;
  url: Value;
  headers: Array<{ name: string; value: Value }>;
  /** A string is sent as is; anything else as JSON. */
  body?: Value;
}

export interface RetrySpec {
  until: Expect;
  timeoutMs: number;
  intervalMs: number;
}

interface StepBase {
  index: number;
  /** The user's name, or a generated label ("send meeting.created"). */
  name: string;
  /** True when the scenario named the step (only named steps can be referenced). */
  named: boolean;
  expect: Expect;
  /** 1-based line of the step in its file, when the parser knows it. */
  line?: number;
  /** Steps this one references (by name), for --grep's prerequisites. */
  needs: string[];
}

export type Step =
  | (StepBase & { type: "send"; send: SendSpec })
  | (StepBase & { type: "crc"; crc: CrcSpec })
  | (StepBase & { type: "check"; check: CheckSpec })
  | (StepBase & { type: "replay"; replay: ReplaySpec })
  | (StepBase & { type: "http"; http: HttpSpec; retry?: RetrySpec })
  | (StepBase & { type: "wait"; waitMs: number });

export type StepType = Step["type"];

export interface Scenario {
  file: string;
  name: string;
  provider: string;
  target?: Value;
  vars: Array<{ name: string; value: Value }>;
  defaults: { headers?: string; timeoutMs?: number };
  steps: Step[];
  /** Line of the `name` key (annotations about the whole scenario point there). */
  line?: number;
}

/** One expectation that did not hold. */
export interface Failure {
  /** What was checked: "status", "maxLatencyMs", "body.ok", "headers.content-type", "crc: …", "reference", "error". */
  check: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string; latencyMs: number };
  /** Why nothing answered. */
  error?: string;
}

export type StepStatus = "passed" | "failed" | "skipped";

export interface StepResult {
  index: number;
  name: string;
  type: StepType;
  status: StepStatus;
  line?: number;
  durationMs: number;
  /** The step's deliveries or requests (a duplicate probe has two; a retried http step keeps the last). */
  exchanges: Exchange[];
  failures: Failure[];
  /** http steps with retry: how many requests were made. */
  attempts?: number;
  /** Why the step was skipped (--grep, --bail). */
  skipReason?: string;
  /** check steps: the report card, every probe with its verdict. */
  check?: CheckReport;
}

export interface ScenarioResult {
  file: string;
  name: string;
  provider: string;
  target: string;
  line?: number;
  status: "passed" | "failed" | "skipped";
  durationMs: number;
  steps: StepResult[];
}

export interface RunSummary {
  scenarios: number;
  steps: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface RunResult {
  status: "passed" | "failed";
  durationMs: number;
  summary: RunSummary;
  scenarios: ScenarioResult[];
  /** The app's output (with --app), kept for reports when something failed. */
  appOutput?: string;
  /** Set when no delivery of the run got any answer: the target never came up. */
  targetUnreachable?: boolean;
}
