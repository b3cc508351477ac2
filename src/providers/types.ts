// The seam between zoomhook's pipeline and one webhook provider's protocol: everything that differs, nothing more.
import type { CapturedResponse } from "../shared/capture.js";
import type { Diagnosis, Kind, Verification } from "../shared/vocabulary.js";

export type ProviderName = "zoom" | "circleci";

/** The first value of each header a provider reads, keyed by lower-case name. */
export type HeaderValues = Readonly<Record<string, string | undefined>>;

/** What a received body is, decided without ever throwing. */
export interface Classified {
  kind: Kind;
  /** The event's name, when one can be read. */
  event?: string;
  /** Why the request is malformed, or a note on an event zoomhook does not know. */
  problem?: string;
  parsed?: unknown;
  /** The handshake's token (Zoom's CRC plainToken), when kind is "crc". */
  plainToken?: string;
  /** The provider's delivery id, the same across retries: what a receiver deduplicates on. */
  dedupeKey?: string;
}

export interface VerifyRequest {
  body: string | Uint8Array;
  headers: HeaderValues;
  /** The current secret first, then the previous one during a rotation; empty when none is configured. */
  secrets: readonly string[];
  /** Seconds of allowed clock difference (providers that sign a timestamp); 0 disables the check. */
  toleranceSeconds?: number;
  nowMs?: number;
}

export interface Verdict {
  verification: Verification;
  /** Present whenever verification is not "valid". */
  diagnosis?: Diagnosis;
  /** Signed timestamp minus now, in seconds, when the provider signs one. */
  skewSeconds?: number;
  /** Which of the secrets matched (0 = current), when more than one was configured. */
  secretIndex?: number;
}

export type SignatureMode = "valid" | "bad" | "none";

export interface SignRequest {
  body: string | Uint8Array;
  secret?: string;
  /** Unix seconds: the signed timestamp for providers that sign one, and when the delivery was made. */
  timestamp: number;
  signature?: SignatureMode;
  /** The delivery id, kept across retries. */
  requestId?: string;
  event?: string;
  /** A provider-specific header profile (Zoom: "current" | "legacy"). */
  profile?: string;
  /** Values the profile carries that belong to the app and stay the same for a whole run. */
  appValues?: Record<string, string>;
}

export interface ResignRequest {
  /** The headers to send, as relayed from the capture (lower-case names). */
  headers: Record<string, string>;
  body: Buffer;
  secret?: string;
  nowMs: number;
  /** Keep the delivery id (what a provider's retry looks like). */
  sameId?: boolean;
}

export interface HandshakeAnswer {
  status: number;
  body: string;
  latencyMs: number;
}

export interface HandshakeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface HandshakeGrade {
  pass: boolean;
  checks: HandshakeCheck[];
  latencyMs: number;
}

/** A provider's endpoint challenge (Zoom's CRC): how zoomhook answers it, sends it, and grades an answer. */
export interface Handshake {
  /** The event name the challenge carries. */
  event: string;
  /** zoomhook's own answer to a challenge it received. */
  answer(secret: string, classified: Classified): CapturedResponse;
  /** A challenge body for this token, in the provider's own field order. */
  challenge(token: string, nowMs: number): Buffer;
  randomToken(): string;
  /** The body a correct endpoint answers with. */
  expected(secret: string, token: string): unknown;
  grade(secret: string, token: string, answer: HandshakeAnswer): HandshakeGrade;
}

/** How the provider delivers: the answer budget, what it retries and when. */
export interface DeliveryRules {
  /** The provider gives up on an answer after this long. */
  answerBudgetMs: number;
  /** Waits before each retry, when the provider publishes them. */
  retryDelaysMs?: readonly number[];
  /** Whether the provider retries a delivery that got this answer (undefined status: no answer at all). */
  retries(status: number | undefined): boolean;
  /** True when a signed timestamp bounds how old a delivery may be. */
  replayWindow: boolean;
}

export interface CatalogEntry {
  name: string;
  product: string;
  description: string;
}

export interface BuildOptions {
  seed?: number;
  /** Zoom: one meeting across events. */
  meetingId?: string;
  /** "Now" for the event's timestamps (default Date.now()). */
  nowMs?: number;
  /** CircleCI: the project's VCS ("github": pipeline.vcs; "gitlab": pipeline.trigger_parameters). */
  variant?: string;
}

/** A provider's event catalog: names, samples, and realistic events with fresh ids. */
export interface ProviderCatalog {
  list(): CatalogEntry[];
  filter(query: string): CatalogEntry[];
  find(name: string): CatalogEntry | undefined;
  /** Throws a usage error with suggestions for an unknown name. */
  check(name: string): void;
  build(name: string, options?: BuildOptions): Record<string, unknown>;
  /** The sample body `events <name>` prints. */
  sample(name: string): Record<string, unknown>;
}

export interface WebhookProvider {
  readonly name: ProviderName;
  /** The provider's name for people: "Zoom", "CircleCI". */
  readonly title: string;
  /** Where the secret comes from and where the user finds it. */
  readonly secret: { env: string; where: string };
  /** Where to paste the public URL on the provider's side. */
  readonly setup: string;
  /** The provider name of ngrok's verify-webhook Traffic Policy action. */
  readonly ngrokProvider: string;
  /** The header carrying the signature, and the signed timestamp's when the provider signs one. */
  readonly signatureHeader: string;
  readonly timestampHeader?: string;
  /** Lower-case names of the headers classify and verify read. */
  readonly headerNames: readonly string[];
  /** The header carrying the delivery id, when the provider sends one. */
  readonly requestIdHeader?: string;
  /** The header carrying the event name, when the provider sends one. */
  readonly eventHeader?: string;
  readonly rules: DeliveryRules;
  /** Header profiles `send --headers` accepts (the first is the default). */
  readonly profiles: readonly string[];
  readonly handshake?: Handshake;
  classify(body: Uint8Array, headers: HeaderValues): Classified;
  verify(request: VerifyRequest): Verdict;
  /** The provider's full header set for exactly these bytes. */
  deliveryHeaders(request: SignRequest): Record<string, string>;
  /** Values a header profile keeps for a whole run (Zoom's legacy verification token and client id). */
  appValues(profile: string | undefined): Record<string, string> | undefined;
  /** Fresh signature (and id, unless sameId) for a replay or a retry of these bytes. */
  resign(request: ResignRequest): { headers: Record<string, string>; timestamp?: number };
  /** The catalog, loaded on first use (it is data, and start-up is measured). */
  catalog(): Promise<ProviderCatalog>;
}
