// Zoom's optional per-subscription authentication, sent in addition to the signature.
import { configError, networkError } from "../shared/errors.js";
import { HttpFailure, postRaw } from "../http/client.js";

export type AuthOption =
  | { kind: "basic"; user: string; password: string }
  | { kind: "bearer"; token: string }
  | { kind: "oauth"; tokenUrl: string; clientId: string; clientSecret: string }
  | { kind: "custom"; name: string; value: string };

/** Zoom refuses a token that lives less than an hour (it asks for expires_in ≥ 3599). */
export const MIN_EXPIRES_IN = 3599;

/** Headers for the chosen authentication; an OAuth token is fetched once, the way Zoom does. */
export async function authHeaders(auth: AuthOption[], timeoutMs = 10_000): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const a of auth) {
    if (a.kind === "basic") headers.authorization = `Basic ${Buffer.from(`${a.user}:${a.password}`).toString("base64")}`;
    else if (a.kind === "bearer") headers.authorization = `Bearer ${a.token}`;
    else if (a.kind === "custom") headers[a.name.toLowerCase()] = a.value;
    else headers.authorization = `Bearer ${await fetchClientCredentialsToken(a, timeoutMs)}`;
  }
  return headers;
}

/** A client-credentials grant: Basic client id:secret, form body grant_type=client_credentials. */
export async function fetchClientCredentialsToken(a: { tokenUrl: string; clientId: string; clientSecret: string }, timeoutMs: number): Promise<string> {
  let answer;
  try {
    answer = await postRaw(a.tokenUrl, {
      body: "grant_type=client_credentials",
      headers: {
        authorization: `Basic ${Buffer.from(`${a.clientId}:${a.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      timeoutMs,
    });
  } catch (err) {
    if (err instanceof HttpFailure) throw networkError("oauth_unreachable", `No answer from the token URL ${a.tokenUrl}: ${err.message}.`);
    throw err;
  }
  const fail = (why: string) =>
    configError("oauth_token_rejected", `The token URL's answer would be refused by Zoom: ${why}.`, {
      hint: 'It must answer 200 with JSON {"access_token":"…","token_type":"bearer","expires_in":3600} (expires_in ≥ 3599).',
    });
  if (answer.status !== 200) throw fail(`status ${answer.status}`);
  let json: { access_token?: unknown; expires_in?: unknown };
  try {
    json = JSON.parse(answer.body.toString("utf8")) as typeof json;
  } catch {
    throw fail("the body is not JSON");
  }
  if (typeof json.access_token !== "string" || json.access_token === "") throw fail("no access_token");
  const expires = Number(json.expires_in);
  if (!Number.isFinite(expires) || expires < MIN_EXPIRES_IN) throw fail(`expires_in is ${String(json.expires_in)}, under ${MIN_EXPIRES_IN}`);
  return json.access_token;
}
