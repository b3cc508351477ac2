// Unit tests for the options zoomhook hands to the ngrok SDK: traffic policy, domain, test-edge env.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildForwardConfig, verificationPolicy } from "../../../src/tunnel/index.js";
import { loadFakeEdgeCert } from "../../support/fake-ngrok-certs.js";

const ignore = (): void => {};

describe("verificationPolicy", () => {
  it("builds ngrok's verify-webhook action for Zoom with the secret", () => {
    assert.equal(
      verificationPolicy("zoom", "s3cr3t\"x"),
      '{"on_http_request":[{"actions":[{"type":"verify-webhook","config":{"provider":"zoom","secret":"s3cr3t\\"x"}}]}]}',
    );
  });
});

describe("buildForwardConfig", () => {
  it("forces a new session and sends only the options asked for", () => {
    const config = buildForwardConfig({ addr: "127.0.0.1:4000", env: {} }, "tok", ignore);
    assert.equal(config.addr, "127.0.0.1:4000");
    assert.equal(config.authtoken, "tok");
    assert.equal(config.force_new_session, true);
    for (const key of ["domain", "traffic_policy", "server_addr", "session_ca_cert", "onLogEvent"]) assert.ok(!(key in config), key);
    // The deprecated options must never be sent alongside the traffic policy.
    assert.ok(!("verify_webhook_provider" in config) && !("verify_webhook_secret" in config));
  });

  it("passes domain and the Zoom traffic policy", () => {
    const config = buildForwardConfig({ addr: "127.0.0.1:4000", domain: "me.ngrok-free.app", verifyWebhook: { provider: "zoom", secret: "abc" }, env: {} }, "tok", ignore);
    assert.equal(config.domain, "me.ngrok-free.app");
    assert.deepEqual(JSON.parse(config.traffic_policy ?? ""), {
      on_http_request: [{ actions: [{ type: "verify-webhook", config: { provider: "zoom", secret: "abc" } }] }],
    });
    assert.ok(!("verify_webhook_provider" in config));
  });

  it("points the SDK at a test edge from the environment", () => {
    const { certPath, cert } = loadFakeEdgeCert();
    const env = { ZOOMHOOK_NGROK_SERVER_ADDR: "127.0.0.1:4443", ZOOMHOOK_NGROK_CA_CERT: certPath };
    const config = buildForwardConfig({ addr: "127.0.0.1:4000", env }, "tok", ignore);
    assert.equal(config.server_addr, "127.0.0.1:4443");
    assert.equal(config.session_ca_cert, cert);
  });

  it("maps the SDK's status strings to connected/closed", () => {
    const seen: string[] = [];
    const config = buildForwardConfig({ addr: "127.0.0.1:4000", env: {} }, "tok", (s) => seen.push(s));
    config.onStatusChange?.("connected");
    config.onStatusChange?.("closed");
    assert.deepEqual(seen, ["connected", "closed"]);
  });

  it("rejects a bare port (it would become localhost → ::1) as a usage error", () => {
    assert.throws(() => buildForwardConfig({ addr: "4000", env: {} }, "tok", ignore), { code: "tunnel_bad_addr", exitCode: 2 });
  });

  it("reports an unreadable or non-PEM CA file as a config error", () => {
    const env = { ZOOMHOOK_NGROK_CA_CERT: "/nonexistent/ca.pem" };
    assert.throws(() => buildForwardConfig({ addr: "127.0.0.1:1", env }, "tok", ignore), { code: "ngrok_ca_cert_unreadable", exitCode: 3 });
    const notPem = { ZOOMHOOK_NGROK_CA_CERT: new URL(import.meta.url).pathname };
    assert.throws(() => buildForwardConfig({ addr: "127.0.0.1:1", env: notPem }, "tok", ignore), { code: "ngrok_ca_cert_invalid", exitCode: 3 });
    assert.throws(() => buildForwardConfig({ addr: "127.0.0.1:1", env: { ZOOMHOOK_NGROK_SERVER_ADDR: "nope" } }, "tok", ignore), {
      code: "ngrok_bad_server_addr",
    });
  });
});
