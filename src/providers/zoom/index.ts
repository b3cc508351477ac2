// Zoom as a WebhookProvider: x-zm-signature v0 over timestamp and raw body, the CRC handshake, 3 s answers.
import { JSON_TYPE } from "../../shared/relay.js";
import type { Classified, HeaderValues, ProviderCatalog, WebhookProvider } from "../types.js";
import { classifyBody } from "./classify.js";
import { CRC_EVENT, crcChallengeBody, crcResponse, gradeCrcAnswer, randomPlainToken } from "./crc.js";
import { newRequestId, newTraceparent, zoomHeaders, type HeaderProfile } from "./headers.js";
import { ANSWER_BUDGET_MS, RETRY_DELAYS_MS, SECRET_ENV, zoomRetries } from "./rules.js";
import { DEFAULT_TOLERANCE_SECONDS, signPayload, verifyRotating } from "./signature.js";

export const SIGNATURE_HEADER = "x-zm-signature";
export const TIMESTAMP_HEADER = "x-zm-request-timestamp";
export const REQUEST_ID_HEADER = "x-zm-request-id";


let catalogLoaded: Promise<ProviderCatalog> | undefined;

export const zoomProvider: WebhookProvider = {
  name: "zoom",
  title: "Zoom",
  secret: { env: SECRET_ENV, where: "your app's Secret Token, on its Features → Access page in the Zoom App Marketplace" },
  setup: "paste it as the Event notification endpoint URL (Features → Event Subscriptions), then click Validate",
  ngrokProvider: "zoom",
  signatureHeader: SIGNATURE_HEADER,
  timestampHeader: TIMESTAMP_HEADER,
  headerNames: [SIGNATURE_HEADER, TIMESTAMP_HEADER, REQUEST_ID_HEADER],
  requestIdHeader: REQUEST_ID_HEADER,
  rules: { answerBudgetMs: ANSWER_BUDGET_MS, retryDelaysMs: RETRY_DELAYS_MS, retries: zoomRetries, replayWindow: true },
  profiles: ["current", "legacy"],
  handshake: {
    event: CRC_EVENT,
    answer: (secret, classified) => ({
      status: 200,
      headers: { "content-type": JSON_TYPE },
      body: JSON.stringify(crcResponse(secret, classified.plainToken ?? "")),
    }),
    challenge: (token, nowMs) => Buffer.from(crcChallengeBody(token, nowMs), "utf8"),
    randomToken: randomPlainToken,
    expected: crcResponse,
    grade: gradeCrcAnswer,
  },
  classify(body: Uint8Array, headers: HeaderValues): Classified {
    const c = classifyBody(body);
    const id = headers[REQUEST_ID_HEADER];
    if (id !== undefined) c.dedupeKey = id;
    return c;
  },
  verify: (r) =>
    verifyRotating({
      secrets: r.secrets,
      timestamp: r.headers[TIMESTAMP_HEADER],
      signature: r.headers[SIGNATURE_HEADER],
      body: r.body,
      toleranceSeconds: r.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
      nowMs: r.nowMs,
    }),
  deliveryHeaders: (r) =>
    zoomHeaders({
      body: r.body,
      secret: r.secret,
      timestamp: r.timestamp,
      requestId: r.requestId,
      signature: r.signature,
      profile: r.profile as HeaderProfile | undefined,
      verificationToken: r.appValues?.authorization,
      clientId: r.appValues?.clientid,
    }),
  appValues(profile) {
    if (profile !== "legacy") return undefined;
    const h = zoomHeaders({ body: "", timestamp: 0, signature: "none", profile: "legacy" });
    return { authorization: h.authorization!, clientid: h.clientid! };
  },
  resign({ headers, body, secret, nowMs, sameId }) {
    const out = { ...headers };
    const timestamp = Math.floor(nowMs / 1000);
    if (!sameId) out[REQUEST_ID_HEADER] = newRequestId();
    if (out.traceparent) out.traceparent = newTraceparent();
    if (secret) {
      out[TIMESTAMP_HEADER] = String(timestamp);
      out[SIGNATURE_HEADER] = signPayload(secret, timestamp, body);
    }
    return { headers: out, timestamp };
  },
  // Loaded on first use, then the same promise: a scenario asks once per step.
  catalog: () => (catalogLoaded ??= import("./catalog.js").then((m) => m.zoomCatalog)),
};
