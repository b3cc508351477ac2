// The ngrok Traffic Policy that makes ngrok's edge verify a provider's webhook signatures.

/**
 * ngrok's verify-webhook action (https://ngrok.com/docs/traffic-policy/actions/verify-webhook/): the edge
 * rejects bad signatures with 403 and, for Zoom, answers the CRC itself. `provider` is ngrok's name for
 * it ("zoom", "circleci"). This replaces the deprecated verify_webhook_provider/verify_webhook_secret
 * options; never send both.
 */
export function verificationPolicy(provider: string, secret: string): string {
  return JSON.stringify({
    on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider, secret } }] }],
  });
}
