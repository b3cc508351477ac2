// The one "no secret" error: what it was needed for, what zoomhook saw, and where to put it.
import { configError, type ZoomhookError } from "../shared/errors.js";
import { SECRET_ENV, whyNoSecret } from "./secret.js";

export function missingSecret(message: string, alternative?: string, envName = SECRET_ENV): ZoomhookError {
  const why = whyNoSecret(process.env, envName);
  return configError("no_secret", message, {
    hint: `${why ? `${why}\n` : ""}Set ${envName} (in the environment or ./.env), or pass --secret${alternative ? `; or ${alternative}` : ""}.`,
  });
}
