// `send` flag checks: conflicting combinations are usage errors that name both flags.
import type { AuthOption } from "../../sender/auth.js";
import { usageError } from "../../shared/errors.js";
import { zoomProvider } from "../../providers/zoom/index.js";
import type { WebhookProvider } from "../../providers/types.js";

export interface SendFlags {
  provider?: string;
  /** CircleCI: github or gitlab payloads. */
  vcs?: string;
  to?: string;
  secret?: string;
  data?: string;
  set: string[];
  setString: string[];
  timestamp?: number;
  badSignature?: boolean;
  signature: boolean;
  count: number;
  concurrency: number;
  timeout: number;
  json?: boolean;
  seed?: number;
  meetingId?: string;
  headers: "current" | "legacy";
  basicAuth?: string;
  bearer?: string;
  oauthTokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  customHeader: string[];
  retries?: boolean;
  timeScale: number;
  bodyStyle?: "compact" | "pretty" | "escaped-unicode" | "escaped-slashes";
  keyOrder?: "zoom" | "shuffled";
  stale?: number;
  duplicate?: boolean;
  oversize?: number;
  compatCheck: boolean;
}

const conflict = (a: string, b: string, why: string) => usageError("conflicting_flags", `${a} and ${b} cannot be used together: ${why}.`);

export function checkSendFlags(f: SendFlags, provider: WebhookProvider = zoomProvider): void {
  if (provider.name !== "zoom") {
    const zoomOnly: Array<[boolean, string]> = [
      [f.headers === "legacy", "--headers legacy"],
      [f.meetingId !== undefined, "--meeting-id"],
      [f.oauthTokenUrl !== undefined || f.basicAuth !== undefined || f.customHeader.length > 0, "Zoom's authentication add-ons"],
    ];
    for (const [used, flag] of zoomOnly) {
      if (used) throw conflict(flag, `--provider ${provider.name}`, `${flag} is Zoom's`);
    }
  } else if (f.vcs !== undefined) {
    throw conflict("--vcs", "--provider zoom", "--vcs picks a CircleCI payload variant");
  }
  if (f.badSignature && !f.signature) throw conflict("--bad-signature", "--no-signature", "pick one");
  if (f.stale !== undefined && f.timestamp !== undefined) throw conflict("--stale", "--timestamp", "both set the signed timestamp");
  if (f.stale !== undefined && !f.signature) throw conflict("--stale", "--no-signature", "--stale signs with an old timestamp");
  const authz = checkAuthFlags(f);
  if (f.headers === "legacy" && authz.length > 0) throw conflict("--headers legacy", authz[0]!, "both set the authorization header");
  if (f.duplicate && f.retries) throw conflict("--duplicate", "--retries", "run them separately so each report stays readable");
}

/** The authentication add-on flags (send and check): one authorization header at most, OAuth complete. Returns those used. */
export function checkAuthFlags(f: AuthFlags): string[] {
  const authz = [f.basicAuth && "--basic-auth", f.bearer && "--bearer", f.oauthTokenUrl && "--oauth-token-url"].filter(Boolean) as string[];
  if (authz.length > 1) throw conflict(authz[0]!, authz[1]!, "both set the authorization header");
  if (f.oauthTokenUrl && (!f.clientId || !f.clientSecret)) {
    throw usageError("missing_flag", "--oauth-token-url needs --client-id and --client-secret.", { hint: "Zoom fetches a client-credentials token with them." });
  }
  if (!f.oauthTokenUrl && (f.clientId || f.clientSecret)) throw usageError("missing_flag", "--client-id and --client-secret go with --oauth-token-url.");
  return authz;
}

export type AuthFlags = Pick<SendFlags, "basicAuth" | "bearer" | "oauthTokenUrl" | "clientId" | "clientSecret" | "customHeader">;

export function authOptions(f: AuthFlags): AuthOption[] {
  const out: AuthOption[] = [];
  if (f.basicAuth) {
    const i = f.basicAuth.indexOf(":");
    if (i < 1) throw usageError("bad_basic_auth", "--basic-auth takes user:password.");
    out.push({ kind: "basic", user: f.basicAuth.slice(0, i), password: f.basicAuth.slice(i + 1) });
  }
  if (f.bearer) out.push({ kind: "bearer", token: f.bearer });
  if (f.oauthTokenUrl) out.push({ kind: "oauth", tokenUrl: f.oauthTokenUrl, clientId: f.clientId!, clientSecret: f.clientSecret! });
  for (const h of f.customHeader) {
    const i = h.indexOf(":");
    const name = i > 0 ? h.slice(0, i).trim() : "";
    if (!/^x-[a-z0-9-]+$/i.test(name)) {
      throw usageError("bad_custom_header", `--custom-header "${h}" must be x-name:value (Zoom's custom header names start with x-).`);
    }
    if (/^x-zm-/i.test(name)) {
      throw usageError("bad_custom_header", `--custom-header ${name} would replace one of Zoom's own x-zm- headers.`, {
        hint: "Pick another name; to break the signature on purpose use --bad-signature or --no-signature.",
      });
    }
    out.push({ kind: "custom", name, value: h.slice(i + 1).trim() });
  }
  return out;
}
