// Where the secret token comes from: --secret > $ZOOM_WEBHOOK_SECRET_TOKEN > .env. Never printed in full.
// No imports: this module is on the offline `crc` start-up path.

export const SECRET_ENV = "ZOOM_WEBHOOK_SECRET_TOKEN";

/** Environment variables whose value came from ./.env rather than the real environment. */
export const fromDotEnv = new Set<string>();

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
