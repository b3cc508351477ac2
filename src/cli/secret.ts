// Where the secret token comes from: --secret > the provider's environment variable > .env. Never printed in full.
// No imports: this module is on the offline `crc` start-up path.

export const SECRET_ENV = "ZOOM_WEBHOOK_SECRET_TOKEN";

/** The ready line's `secretSource` when a listener made up its own secret for the session. */
export const DEV_SECRET_SOURCE = "dev secret";

/** Environment variables whose value came from ./.env rather than the real environment. */
export const fromDotEnv = new Set<string>();

/** The ./.env file that was read, if any, and what it held. */
export const dotEnvFile: { path?: string; values?: Record<string, string> } = {};

export interface SecretChoice {
  /** The current secret: it signs, and answers the handshake. */
  secret?: string;
  /** The previous secret during a rotation ("current,previous"): deliveries signed with it are still valid. */
  previous?: string;
  /** Human description of where it came from, for the banner. */
  source?: string;
}

/**
 * The secret for a provider whose variable is `envName`. A comma separates the current secret from
 * the previous one while a rotation is under way: `new,old`.
 */
export function resolveSecret(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, envName = SECRET_ENV): SecretChoice {
  if (flag !== undefined && flag !== "") return split(flag, "--secret");
  const value = env[envName];
  if (value) return split(value, fromDotEnv.has(envName) ? `.env, ${envName}` : `environment, ${envName}`);
  return {};
}

function split(value: string, source: string): SecretChoice {
  const comma = value.indexOf(",");
  if (comma <= 0 || comma === value.length - 1) return { secret: value, source };
  return { secret: value.slice(0, comma), previous: value.slice(comma + 1), source: `${source}; current and previous` };
}

/** When no secret was found: exactly where zoomhook looked and what it saw there, or undefined if nothing is worth saying. */
export function whyNoSecret(env: NodeJS.ProcessEnv = process.env, envName = SECRET_ENV): string | undefined {
  if (env[envName] === "" && !fromDotEnv.has(envName)) return `${envName} is set but empty in the environment.`;
  if (!dotEnvFile.path || !dotEnvFile.values) return undefined;
  if (!(envName in dotEnvFile.values)) return `${dotEnvFile.path} exists but has no ${envName} line.`;
  if (dotEnvFile.values[envName] === "") return `${dotEnvFile.path} sets ${envName} to an empty value.`;
  return undefined;
}
