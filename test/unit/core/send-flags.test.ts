// send's flag checks and Zoom's legacy header shapes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authOptions, type SendFlags } from "../../../src/cli/commands/send-flags.js";
import { isZoomhookError } from "../../../src/shared/errors.js";
import { zoomHeaders } from "../../../src/providers/zoom/headers.js";

const base = { customHeader: [] } as unknown as SendFlags;

describe("send flags", () => {
  it("a custom header may not replace one of Zoom's own x-zm- headers", () => {
    for (const h of ["x-zm-signature:v0=abc", "X-ZM-Request-Id:1"]) {
      assert.throws(
        () => authOptions({ ...base, customHeader: [h] }),
        (e: unknown) => isZoomhookError(e) && e.exitCode === 2 && e.code === "bad_custom_header",
      );
    }
    assert.deepEqual(authOptions({ ...base, customHeader: ["x-my-auth: abc"] }), [{ kind: "custom", name: "x-my-auth", value: "abc" }]);
  });

  it("the legacy clientid is a 22-character base64url id, and can be fixed for a whole run", () => {
    const h = zoomHeaders({ body: "{}", timestamp: 1, signature: "none", profile: "legacy" });
    assert.match(h.clientid!, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(zoomHeaders({ body: "{}", timestamp: 1, signature: "none", profile: "legacy", clientId: "c".repeat(22) }).clientid, "c".repeat(22));
  });
});
