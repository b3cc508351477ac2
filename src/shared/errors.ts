// One error family for the whole tool: a stable code, the exit code it maps to, and a hint (the next step).
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

export interface ZoomhookErrorOptions {
  hint?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class ZoomhookError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, exitCode: ExitCodeValue, options: ZoomhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZoomhookError";
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** A bad flag, argument or combination: exit 2. */
export function usageError(code: string, message: string, options?: ZoomhookErrorOptions): ZoomhookError {
  return new ZoomhookError(code, message, ExitCode.usage, options);
}

/** Missing secret, port in use, no listener, store locked…: exit 3. */
export function configError(code: string, message: string, options?: ZoomhookErrorOptions): ZoomhookError {
  return new ZoomhookError(code, message, ExitCode.config, options);
}

/** Nothing answered at all (refused, unreachable, timed out): exit 4. */
export function networkError(code: string, message: string, options?: ZoomhookErrorOptions): ZoomhookError {
  return new ZoomhookError(code, message, ExitCode.network, options);
}

export function isZoomhookError(value: unknown): value is ZoomhookError {
  return value instanceof ZoomhookError;
}
