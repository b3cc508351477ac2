// Turns @ngrok/ngrok failures into ZoomhookErrors with a plain-language next step.
import { configError, isZoomhookError, networkError, type ZoomhookError } from "../shared/errors.js";

const AUTHTOKEN_URL = "https://dashboard.ngrok.com/get-started/your-authtoken";
const NO_TUNNEL = "or run `zoomhook listen --no-tunnel`";

/** Before dialling: the SDK would otherwise send an empty token and fail later with ERR_NGROK_4018. */
export function missingAuthtokenError(): ZoomhookError {
  return configError("ngrok_no_authtoken", "No ngrok authtoken: the public tunnel needs one.", {
    hint: `Get one at ${AUTHTOKEN_URL} and set NGROK_AUTHTOKEN, ${NO_TUNNEL}.`,
  });
}

interface Known {
  code: string;
  message: string;
  hint: string;
}

const invalidToken: Known = {
  code: "ngrok_bad_authtoken",
  message: "ngrok rejected the authtoken (missing or invalid).",
  hint: `Copy your authtoken from ${AUTHTOKEN_URL} into NGROK_AUTHTOKEN, ${NO_TUNNEL}.`,
};

// Error codes from https://ngrok.com/docs/errors/ (the SDK puts them on err.errorCode).
const KNOWN: Record<string, Known> = {
  ERR_NGROK_4018: invalidToken,
  ERR_NGROK_105: invalidToken,
  ERR_NGROK_107: invalidToken,
  ERR_NGROK_108: {
    code: "ngrok_too_many_sessions",
    message: "ngrok refused the session: your account has reached its limit of simultaneous agent sessions.",
    hint: "Is another ngrok agent or zoomhook running? Stop it, or see https://dashboard.ngrok.com/agents.",
  },
  ERR_NGROK_334: {
    code: "ngrok_endpoint_online",
    message: "This ngrok endpoint (domain) is already online.",
    hint: "Is another zoomhook or ngrok running with the same domain? Stop it, or use another --domain.",
  },
  ERR_NGROK_320: {
    code: "ngrok_domain_taken",
    message: "This domain is reserved by another ngrok account (not yours).",
    hint: "Use the static domain shown at https://dashboard.ngrok.com/domains, or omit --domain.",
  },
  ERR_NGROK_326: {
    code: "ngrok_invalid_domain",
    message: "ngrok says the requested domain is invalid.",
    hint: "Pass a bare host name such as my-name.ngrok-free.app to --domain (no scheme, no path).",
  },
  ERR_NGROK_313: {
    code: "ngrok_paid_feature",
    message: "This ngrok feature (a custom subdomain or domain) needs a paid ngrok plan.",
    hint: "Use your free static domain from https://dashboard.ngrok.com/domains, or omit --domain.",
  },
};

// Other "your plan does not allow this" refusals carry their own codes; their text says so.
const PAID_PLAN_TEXT = /\b(paid plan|upgrade|your (current )?plan|subscription)\b/i;

function errorCodeOf(err: unknown): string | undefined {
  const code = (err as { errorCode?: unknown } | null)?.errorCode;
  if (typeof code === "string" && code.startsWith("ERR_NGROK_")) return code;
  const found = /\b(ERR_NGROK_\d+)\b/.exec(err instanceof Error ? err.message : String(err));
  return found?.[1];
}

/** Maps an SDK error: ngrok error codes → exit 3 (fix your config), no code (TCP/TLS failure) → exit 4. */
export function explainNgrokError(err: unknown): ZoomhookError {
  if (isZoomhookError(err)) return err;
  const text = (err instanceof Error ? err.message : String(err)).trim();
  const ngrokCode = errorCodeOf(err);
  const details = { ngrokCode, ngrokMessage: text };
  if (ngrokCode === undefined) {
    return networkError("ngrok_unreachable", `Could not reach ngrok: ${text}`, {
      cause: err,
      details,
      hint: `Check your internet connection, proxy or firewall (ngrok needs outbound TLS on port 443), ${NO_TUNNEL}.`,
    });
  }
  const known = KNOWN[ngrokCode] ?? (PAID_PLAN_TEXT.test(text) ? KNOWN.ERR_NGROK_313 : undefined);
  if (known) return configError(known.code, `${known.message} (${ngrokCode})`, { cause: err, details, hint: known.hint });
  return configError("ngrok_error", `ngrok refused the tunnel: ${text}`, {
    cause: err,
    details,
    hint: `See https://ngrok.com/docs/errors/${ngrokCode.toLowerCase()}/, ${NO_TUNNEL}.`,
  });
}
