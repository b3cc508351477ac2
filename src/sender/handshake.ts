// The core of `crc` (and of the coming check and scenario steps): send a provider's challenge, grade the answer.
import type { HandshakeGrade, WebhookProvider } from "../providers/types.js";
import { zoomProvider } from "../providers/zoom/index.js";
import { networkError, usageError } from "../shared/errors.js";

export interface GradeHandshakeOptions {
  provider?: WebhookProvider;
  url: string;
  secret: string;
  /** The challenge token (default: a random one, like the provider's). */
  token?: string;
  timeoutMs?: number;
  now?: () => number;
  /** Sent with the challenge too: the authentication header an app asked the provider to add. */
  headers?: Record<string, string>;
}

export interface HandshakeOutcome {
  token: string;
  grade: HandshakeGrade;
  /** The endpoint's answer as received. */
  answer: { status: number; body: string; latencyMs: number; headers: Record<string, string> };
  /** The challenge as sent. */
  request: { headers: Record<string, string>; body: Buffer };
}

export async function gradeHandshake(options: GradeHandshakeOptions): Promise<HandshakeOutcome> {
  const provider = options.provider ?? zoomProvider;
  const handshake = provider.handshake;
  if (!handshake) throw usageError("no_handshake", `${provider.title} sends no URL validation challenge, so there is nothing to grade.`);
  const now = options.now ?? Date.now;
  const token = options.token ?? handshake.randomToken();
  const body = handshake.challenge(token, now());
  const headers = { ...provider.deliveryHeaders({ body, secret: options.secret, timestamp: Math.floor(now() / 1000), event: handshake.event }), ...options.headers };
  const { postRaw, HttpFailure } = await import("../http/client.js");
  let answer;
  try {
    answer = await postRaw(options.url, { body, headers, timeoutMs: options.timeoutMs ?? 10_000 });
  } catch (err) {
    if (err instanceof HttpFailure) {
      throw networkError(`network_${err.kind}`, `No answer from ${options.url}: ${err.message}.`, {
        hint: `Is the endpoint running? ${provider.title} would count this as a failed validation.`,
        details: { kind: err.kind, durationMs: err.durationMs, request: { headers, body } },
      });
    }
    throw err;
  }
  const received = { status: answer.status, body: answer.body.toString("utf8"), latencyMs: answer.durationMs };
  const grade = handshake.grade(options.secret, token, received);
  grade.latencyMs = Math.round(grade.latencyMs);
  return { token, grade, answer: { ...received, headers: answer.headers }, request: { headers, body } };
}
