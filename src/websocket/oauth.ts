// The access token a Zoom WebSocket subscription needs: S2S (account_credentials) or General app (client_credentials).
import { HttpFailure, postRaw } from "../http/client.js";
import { configError, networkError } from "../shared/errors.js";

export const DEFAULT_OAUTH_URL = "https://zoom.us/oauth/token";

export interface Credentials {
  clientId: string;
  clientSecret: string;
  /** Server-to-Server OAuth apps; without it the General app's client_credentials grant is used. */
  accountId?: string;
}

export interface AccessToken {
  token: string;
  /** When it stops working, in ms since the epoch. */
  expiresAtMs: number;
}

export async function fetchAccessToken(oauthUrl: string, c: Credentials, nowMs = Date.now()): Promise<AccessToken> {
  const body = c.accountId ? `grant_type=account_credentials&account_id=${encodeURIComponent(c.accountId)}` : "grant_type=client_credentials";
  let answer;
  try {
    answer = await postRaw(oauthUrl, {
      body,
      headers: {
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      timeoutMs: 15_000,
    });
  } catch (err) {
    if (err instanceof HttpFailure) throw networkError("oauth_unreachable", `No answer from Zoom's token endpoint (${oauthUrl}): ${err.message}.`, { hint: "Check the network (a proxy or firewall?)." });
    throw err;
  }
  let json: { access_token?: unknown; expires_in?: unknown; reason?: unknown; error?: unknown; errorMessage?: unknown };
  try {
    json = JSON.parse(answer.body.toString("utf8")) as typeof json;
  } catch {
    json = {};
  }
  if (answer.status !== 200 || typeof json.access_token !== "string") throw explainTokenError(answer.status, json, c);
  const expiresIn = typeof json.expires_in === "number" && json.expires_in > 0 ? json.expires_in : 3600;
  return { token: json.access_token, expiresAtMs: nowMs + expiresIn * 1000 };
}

/** Zoom's token errors in plain words, with where to look. */
function explainTokenError(status: number, json: { reason?: unknown; error?: unknown; errorMessage?: unknown }, c: Credentials) {
  const reason = String(json.reason ?? json.errorMessage ?? json.error ?? `status ${status}`);
  const lower = reason.toLowerCase();
  if (lower.includes("account")) {
    return configError("zoom_bad_account", `Zoom refused the token: ${reason}.`, {
      hint: "ZOOM_ACCOUNT_ID must be the Account ID shown on your Server-to-Server OAuth app's App Credentials page.",
    });
  }
  if (lower.includes("scope")) {
    return configError("zoom_missing_scope", `Zoom refused the token: ${reason}.`, {
      hint: "Add the scopes of the events you subscribed to on the app's Scopes page, then activate the app again.",
    });
  }
  if (status === 401 || lower.includes("client") || lower.includes("credential")) {
    return configError("zoom_bad_credentials", `Zoom refused the client credentials: ${reason}.`, {
      hint: `Check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (App Credentials page)${c.accountId ? "" : "; a Server-to-Server OAuth app also needs ZOOM_ACCOUNT_ID"}.`,
    });
  }
  return configError("zoom_token_failed", `Zoom did not issue an access token: ${reason}.`, { hint: "Check the app's credentials and that it is activated." });
}
