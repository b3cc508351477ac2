// Unit tests for explainNgrokError: each ngrok error code gets its exit code and plain-language hint.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZoomhookError } from "../../../src/shared/errors.js";
import { explainNgrokError, missingAuthtokenError } from "../../../src/tunnel/index.js";

/** Shaped like the SDK's errors: message ends in "error_code: ERR_NGROK_NNN", errorCode set alongside. */
function sdkError(code: string, text = "refused"): Error {
  return Object.assign(new Error(`failed to connect session: ${text}\n\nerror_code: ${code}`), { errorCode: code });
}

describe("explainNgrokError", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["ERR_NGROK_4018", "ngrok_bad_authtoken", /dashboard\.ngrok\.com\/get-started\/your-authtoken.*NGROK_AUTHTOKEN/],
    ["ERR_NGROK_105", "ngrok_bad_authtoken", /NGROK_AUTHTOKEN/],
    ["ERR_NGROK_107", "ngrok_bad_authtoken", /--no-tunnel/],
    ["ERR_NGROK_108", "ngrok_too_many_sessions", /another ngrok agent or zoomhook running/],
    ["ERR_NGROK_334", "ngrok_endpoint_online", /another zoomhook or ngrok running/],
    ["ERR_NGROK_320", "ngrok_domain_taken", /domain/],
    ["ERR_NGROK_326", "ngrok_invalid_domain", /host name/],
    ["ERR_NGROK_313", "ngrok_paid_feature", /free static domain/],
  ];
  for (const [ngrokCode, code, hint] of cases) {
    it(`${ngrokCode} → exit 3, ${code}`, () => {
      const err = explainNgrokError(sdkError(ngrokCode));
      assert.ok(err instanceof ZoomhookError);
      assert.equal(err.exitCode, 3);
      assert.equal(err.code, code);
      assert.match(err.hint ?? "", hint);
      assert.ok(err.message.includes(ngrokCode), err.message);
      assert.equal(err.details?.ngrokCode, ngrokCode);
    });
  }

  it("reads the code from the message when errorCode is absent", () => {
    const err = explainNgrokError(new Error("bind failed\n\nerror_code: ERR_NGROK_334"));
    assert.equal(err.code, "ngrok_endpoint_online");
  });

  it("treats another plan refusal like 313", () => {
    const err = explainNgrokError(sdkError("ERR_NGROK_9999", "This feature requires a paid plan."));
    assert.equal(err.code, "ngrok_paid_feature");
    assert.equal(err.exitCode, 3);
  });

  it("keeps an unknown ngrok code's message, exit 3, and links its doc page", () => {
    const err = explainNgrokError(sdkError("ERR_NGROK_8012", "something odd"));
    assert.equal(err.exitCode, 3);
    assert.equal(err.code, "ngrok_error");
    assert.match(err.message, /something odd/);
    assert.match(err.hint ?? "", /ngrok\.com\/docs\/errors\/err_ngrok_8012/);
  });

  it("without an error code (TCP/TLS failure) → network error, exit 4", () => {
    const err = explainNgrokError(new Error("failed to connect session: connection refused (os error 111)"));
    assert.equal(err.exitCode, 4);
    assert.equal(err.code, "ngrok_unreachable");
    assert.match(err.message, /could not reach ngrok/i);
  });

  it("passes a ZoomhookError through unchanged", () => {
    const original = missingAuthtokenError();
    assert.equal(explainNgrokError(original), original);
  });
});

describe("missingAuthtokenError", () => {
  it("is a config error (exit 3) telling where to get a token", () => {
    const err = missingAuthtokenError();
    assert.equal(err.exitCode, 3);
    assert.equal(err.code, "ngrok_no_authtoken");
    assert.match(err.hint ?? "", /https:\/\/dashboard\.ngrok\.com\/get-started\/your-authtoken/);
    assert.match(err.hint ?? "", /NGROK_AUTHTOKEN/);
    assert.match(err.hint ?? "", /zoomhook listen --no-tunnel/);
  });
});
