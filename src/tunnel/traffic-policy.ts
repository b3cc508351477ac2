// The ngrok Traffic Policy that makes ngrok's edge verify Zoom webhook signatures.

/**
 * ngrok's verify-webhook action with provider "zoom": the edge answers Zoom's CRC itself and rejects
 * bad signatures with 403 (https://ngrok.com/docs/traffic-policy/actions/verify-webhook/). This
 * replaces the deprecated verify_webhook_provider/verify_webhook_secret options; never send both.
 */
export function zoomVerificationPolicy(secret: string): string {
  return JSON.stringify({
    on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider: "zoom", secret } }] }],
  });
}
