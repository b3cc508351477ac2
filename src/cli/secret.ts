// Where the secret token comes from: --secret > $ZOOM_WEBHOOK_SECRET_TOKEN > .env. Never printed in full.
import { configError, type ZoomhookError } from "../shared/errors.js";
import { fromDotEnv } from "./dotenv.js";

export const SECRET_ENV = "ZOOM_WEBHOOK_SECRET_TOKEN";

export interface SecretChoice {
  secret?: string;
  /** Human description of where it came from, for the banner. */
  source?: string;
}

export function resolveSecret(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): SecretChoice {
  if (flag !== undefined && flag !== "") return { secret: flag, source: "--secret" };
  const value = env[SECRET_ENV];
  if (value) return { secret: value, source: fromDotEnv.has(SECRET_ENV) ? `.env, ${SECRET_ENV}` : `environment, ${SECRET_ENV}` };
  return {};
}

/** "abcd…wxyz" style redaction for places that must hint at which secret is in use. */
export function redact(secret: string): string {
  if (secret.length <= 8) return "•".repeat(secret.length);
  return `${secret.slice(0, 3)}…${secret.slice(-2)}`;
}

/** The one "no secret" error: what it was needed for, and where to put it. */
export function missingSecret(message: string, alternative?: string): ZoomhookError {
  return configError("no_secret", message, {
    hint: `Set ${SECRET_ENV} (in the environment or ./.env), or pass --secret${alternative ? `; or ${alternative}` : ""}.`,
  });
}
