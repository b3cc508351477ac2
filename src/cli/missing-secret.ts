// The one "no secret" error: what it was needed for, and where to put it.
import { configError, type ZoomhookError } from "../shared/errors.js";
import { SECRET_ENV } from "./secret.js";

export function missingSecret(message: string, alternative?: string, envName = SECRET_ENV): ZoomhookError {
  return configError("no_secret", message, {
    hint: `Set ${envName} (in the environment or ./.env), or pass --secret${alternative ? `; or ${alternative}` : ""}.`,
  });
}
