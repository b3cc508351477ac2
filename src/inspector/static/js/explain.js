// Plain-words explanations of a verdict and what to do about it, keyed by the shared vocabulary.

const TITLES = {
  valid: "Signature valid",
  invalid: "Signature invalid",
  stale: "Signature correct, but the timestamp is stale",
  unsigned: "Not signed",
  unverified: "Signature not checked",
  crc: "CRC challenge (endpoint.url_validation)",
  malformed: "Not a Zoom event body",
};

const DEFAULT_TEXT = {
  valid: "Signed with your Secret Token over the exact bytes received, within the replay window.",
  crc: "Zoom sends this when you click Validate on the Event Subscriptions page; zoomhook answered with the plainToken and its HMAC.",
  malformed: "The body is not a JSON object with an \"event\" field, so it cannot be a Zoom webhook.",
  unverified: "No secret token is configured, so zoomhook cannot tell a real Zoom delivery from anything else.",
};

const HINTS = {
  signature_mismatch:
    "Check the Secret Token: it is on your app's Features → Access page in the Zoom Marketplace (not the Client Secret, not the Verification Token).",
  secret_whitespace: "Remove the space or newline around the secret (often a trailing newline in .env).",
  body_reserialised:
    "Verify over the raw request bytes (for example express.raw({ type: \"application/json\" })), never JSON.stringify(req.body).",
  clock_skew: "Old deliveries replayed as-is are stale by design. zoomhook's Replay re-signs with a fresh timestamp.",
  malformed_signature: "x-zm-signature must be v0= followed by 64 lowercase hex characters (HMAC-SHA256, hex, not base64).",
  missing_signature: "Zoom always sends x-zm-signature: this request did not come from Zoom, or a proxy dropped the header.",
  missing_timestamp: "Zoom always sends x-zm-request-timestamp: this request did not come from Zoom, or a proxy dropped the header.",
  bad_timestamp: "x-zm-request-timestamp must be Unix seconds.",
  no_secret: "Set ZOOM_WEBHOOK_SECRET_TOKEN so zoomhook checks every signature.",
};

/** Where a provider's wording differs from Zoom's. */
const CIRCLECI = {
  titles: { malformed: "Not a CircleCI event body" },
  text: {
    valid: "Signed with your webhook's secret token over the exact bytes received. CircleCI signs no timestamp, so there is no replay window: deduplicate on the body's id.",
    malformed: "The body is not a JSON object with a \"type\" (and no circleci-event-type header), so it cannot be a CircleCI webhook.",
  },
  hints: {
    signature_mismatch: "Check the Secret token: it is the one typed when the webhook was created in Project Settings → Webhooks.",
    missing_signature: "CircleCI sends circleci-signature only when the webhook has a Secret token: set one, or a proxy dropped the header.",
    malformed_signature: "circleci-signature must carry v1= followed by 64 lowercase hex characters (HMAC-SHA256 of the raw body).",
    unknown_signature_version: "Only v1 exists today; a receiver checks the newest version it knows and never downgrades.",
    no_secret: "Set CIRCLECI_WEBHOOK_SECRET so zoomhook checks every signature.",
  },
};

HINTS.body_trailing_newline = "Sign and send the exact bytes: drop the trailing newline your editor or shell added, or verify over the raw request body.";

export function explainVerdict(verdict, diagnosis, provider = { name: "zoom" }, secretIndex) {
  const own = provider.name === "circleci" ? CIRCLECI : { titles: {}, text: {}, hints: {} };
  let text = diagnosis?.message ? capitalise(diagnosis.message) : (own.text[verdict] ?? DEFAULT_TEXT[verdict] ?? "");
  if (verdict === "valid" && secretIndex) text += " It matched the previous secret: finish the rotation before that secret is retired.";
  const hint = diagnosis ? (own.hints[diagnosis.code] ?? HINTS[diagnosis.code]) : undefined;
  return { title: own.titles[verdict] ?? TITLES[verdict] ?? verdict, text, hint, code: diagnosis?.code };
}

function capitalise(s) {
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}
