// Zoom's delivery rules, written once: the answer budget and the retry schedule.
// https://developers.zoom.us/docs/api/webhooks/#notification-delivery

/** Zoom gives up on a delivery (and on the URL validation) not answered within 3 s. */
export const ANSWER_BUDGET_MS = 3000;

/** Zoom's retry spacing after a failed delivery: 5, 20 and 60 minutes. */
export const RETRY_DELAYS_MS: readonly number[] = [5, 20, 60].map((m) => m * 60_000);

/** Zoom retries on 5xx, timeouts and connection errors — never on 3xx or 4xx. */
export function zoomRetries(status: number | undefined): boolean {
  return status === undefined || status >= 500;
}

export const SECRET_ENV = "ZOOM_WEBHOOK_SECRET_TOKEN";
