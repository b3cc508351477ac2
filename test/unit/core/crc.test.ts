// CRC (endpoint URL validation): the known answer, and gradeCrcAnswer naming each typical mistake.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHash, createHmac } from "node:crypto";
import { CRC_BUDGET_MS, computeEncryptedToken, crcResponse, gradeCrcAnswer, randomPlainToken, type CrcGrade } from "../../../src/providers/zoom/crc.js";

const SECRET = "test_secret_token";
const TOKEN = "qgg8vlvZRS6UYooatFL8Aw";
const EXPECTED = "4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8";
const mac = createHmac("sha256", SECRET).update(TOKEN).digest();

function grade(body: unknown, status = 200, latencyMs = 12): CrcGrade {
  return gradeCrcAnswer(SECRET, TOKEN, { status, body: typeof body === "string" ? body : JSON.stringify(body), latencyMs });
}

function check(g: CrcGrade, name: string) {
  const c = g.checks.find((x) => x.name === name);
  assert.ok(c, `no check named ${name}: ${JSON.stringify(g.checks)}`);
  return c;
}

describe("CRC known answer", () => {
  it("computes the published encryptedToken", () => {
    assert.equal(computeEncryptedToken(SECRET, TOKEN), EXPECTED);
    assert.deepEqual(crcResponse(SECRET, TOKEN), { plainToken: TOKEN, encryptedToken: EXPECTED });
  });

  it("random plainTokens look like Zoom's: 22 base64url characters, different each time", () => {
    const a = randomPlainToken();
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(a, randomPlainToken());
  });
});

describe("gradeCrcAnswer", () => {
  it("passes a correct answer, with the five checks in order", () => {
    const g = grade({ plainToken: TOKEN, encryptedToken: EXPECTED });
    assert.equal(g.pass, true);
    assert.deepEqual(g.checks.map((c) => c.name), ["status 200", "JSON body", "plainToken echoed", "encryptedToken", "answered in time"]);
    assert.ok(g.checks.every((c) => c.ok));
    assert.equal(g.latencyMs, 12);
  });

  const mistakes: Array<[string, string, RegExp]> = [
    ["base64 instead of hex", mac.toString("base64"), /looks like base64/],
    ["base64url instead of hex", mac.toString("base64url"), /looks like base64/],
    ["upper-case hex", EXPECTED.toUpperCase(), /upper-case hex/],
    ["plain SHA-256", createHash("sha256").update(TOKEN).digest("hex"), /plain SHA-256/],
    ["key and message swapped", createHmac("sha256", TOKEN).update(SECRET).digest("hex"), /swapped/],
    ["wrong secret", createHmac("sha256", "another_secret").update(TOKEN).digest("hex"), /different secret/],
    ["the plainToken itself", TOKEN, /plainToken itself/],
    ["garbage", "nope", /^expected 4efea922…19b8, got nope$/],
  ];
  for (const [name, encryptedToken, detail] of mistakes) {
    it(`fails and names it: ${name}`, () => {
      const g = grade({ plainToken: TOKEN, encryptedToken });
      assert.equal(g.pass, false);
      const c = check(g, "encryptedToken");
      assert.equal(c.ok, false);
      assert.match(c.detail, detail);
      assert.equal(check(g, "plainToken echoed").ok, true);
    });
  }

  it("extra wrapping: finds the tokens one level down and says to move them up", () => {
    const g = grade({ response: { plainToken: TOKEN, encryptedToken: EXPECTED } });
    assert.equal(g.pass, false);
    assert.match(check(g, "plainToken echoed").detail, /found under "response".*top level/);
    assert.match(check(g, "encryptedToken").detail, /correct value, but wrapped/);
  });

  it("a missing or wrong plainToken, and a missing encryptedToken", () => {
    const missing = grade({ encryptedToken: EXPECTED });
    assert.equal(check(missing, "plainToken echoed").detail, "plainToken missing");
    const wrong = grade({ plainToken: "other", encryptedToken: EXPECTED });
    assert.match(check(wrong, "plainToken echoed").detail, /expected qgg8vlvZRS6UYooatFL8Aw, got other/);
    assert.match(check(grade({ plainToken: TOKEN }), "encryptedToken").detail, /^missing/);
    assert.match(check(grade({ plainToken: TOKEN, encryptedToken: 42 }), "encryptedToken").detail, /got number/);
  });

  it("status: 204 is explained, 500 fails", () => {
    assert.match(check(grade("", 204), "status 200").detail, /204 cannot carry/);
    const g = grade({ plainToken: TOKEN, encryptedToken: EXPECTED }, 500);
    assert.equal(g.pass, false);
    assert.equal(check(g, "status 200").detail, "got 500");
  });

  it("a body that is not a JSON object fails the JSON check, without throwing", () => {
    for (const body of ["", "plain text", "[1,2]", "null", `"${EXPECTED}"`, "{"]) {
      const g = grade(body);
      assert.equal(g.pass, false, body);
      assert.equal(check(g, "JSON body").ok, false, body);
    }
  });

  it("latency: just under the 3 s budget passes, at the budget fails", () => {
    assert.equal(CRC_BUDGET_MS, 3000);
    const ok = { plainToken: TOKEN, encryptedToken: EXPECTED };
    assert.equal(grade(ok, 200, 2999).pass, true);
    const slow = grade(ok, 200, 3000);
    assert.equal(slow.pass, false);
    assert.equal(check(slow, "answered in time").detail, "3000 ms (limit 3000 ms)");
  });
});
