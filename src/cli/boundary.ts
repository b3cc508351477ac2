// The one error boundary: a ZoomhookError becomes its message, hint and exit code; anything else is a bug (70).
import { ExitCode } from "../shared/exit-codes.js";
import { isZoomhookError } from "../shared/errors.js";

export async function reportFailure(err: unknown, debug: boolean): Promise<void> {
  const { renderError } = await import("./render/errors.js");
  if (isZoomhookError(err)) {
    process.stderr.write(renderError(err, debug));
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(renderError(err, true));
    process.exitCode = ExitCode.internal;
  }
  // A failed command must end even if something it started cannot be stopped (the ngrok SDK keeps a
  // connect that its edge never answers alive forever). Unref'd: it fires only if something lingers.
  setTimeout(() => process.exit(), 1000).unref();
}
