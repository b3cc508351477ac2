// CircleCI as a WebhookProvider: circleci-signature v1 over the raw body, no timestamp, no handshake, 10 s answers.
import { randomBytes } from "node:crypto";
import type { ProviderCatalog, SignRequest, WebhookProvider } from "../types.js";
import { classifyCircleci, EVENT_TYPE_HEADER } from "./classify.js";
import { signCircleci, verifyCircleci } from "./signature.js";

export const SIGNATURE_HEADER = "circleci-signature";
export const CIRCLECI_USER_AGENT = "CircleCI-Webhook/1.0";
/** CircleCI expects an answer within about 10 s; a non-2xx or no answer is retried later (schedule unpublished). */
export const ANSWER_BUDGET_MS = 10_000;

/** CircleCI's header set for exactly these bytes. Lower-case names, as Node delivers them. */
export function circleciHeaders(r: SignRequest): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": CIRCLECI_USER_AGENT,
  };
  if (r.event) headers[EVENT_TYPE_HEADER] = r.event;
  const mode = r.signature ?? "valid";
  if (mode === "valid" && r.secret) headers[SIGNATURE_HEADER] = signCircleci(r.secret, r.body);
  else if (mode === "bad") headers[SIGNATURE_HEADER] = `v1=${randomBytes(32).toString("hex")}`;
  return headers;
}

let catalogLoaded: Promise<ProviderCatalog> | undefined;

export const circleciProvider: WebhookProvider = {
  name: "circleci",
  title: "CircleCI",
  secret: { env: "CIRCLECI_WEBHOOK_SECRET", where: "the Secret token you typed when you created the webhook (Project Settings → Webhooks)" },
  setup: "in CircleCI, Project Settings → Webhooks → Add Webhook: paste it as the Receiver URL, with the same Secret token",
  ngrokProvider: "circleci",
  signatureHeader: SIGNATURE_HEADER,
  headerNames: [SIGNATURE_HEADER, EVENT_TYPE_HEADER],
  eventHeader: EVENT_TYPE_HEADER,
  rules: {
    answerBudgetMs: ANSWER_BUDGET_MS,
    retries: (status) => status === undefined || status < 200 || status >= 300,
    replayWindow: false,
  },
  profiles: ["current"],
  classify: classifyCircleci,
  verify: (r) => verifyCircleci({ secrets: r.secrets, signature: r.headers[SIGNATURE_HEADER], body: r.body }),
  deliveryHeaders: circleciHeaders,
  appValues: () => undefined,
  resign({ headers, body, secret }) {
    // The dedupe key is the body's id: a replay keeps the bytes, so it keeps the id; only the signature is renewed.
    const out = { ...headers };
    if (secret) out[SIGNATURE_HEADER] = signCircleci(secret, body);
    return { headers: out };
  },
  // Loaded on first use, then the same promise: a scenario asks once per step.
  catalog: () => (catalogLoaded ??= import("./catalog.js").then((m) => m.circleciCatalog)),
};
