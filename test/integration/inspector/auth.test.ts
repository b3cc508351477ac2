// Inspector access control over real HTTP: token → cookie, Host allow-list, and the headers on every answer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { authCookie, makeCapture, raw, startHarness, type Harness } from "../../support/inspector-harness.js";

describe("inspector access", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ captures: [makeCapture()] });
  });
  after(() => h.close());

  it("prints a loopback URL carrying a base64url token", () => {
    assert.match(h.inspector.url, new RegExp(`^http://127\\.0\\.0\\.1:${h.inspector.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    assert.ok(h.inspector.url.endsWith(h.inspector.token));
  });

  for (const path of ["/", "/static/inspector.css", "/static/js/app.js", "/api/captures", "/api/events", "/api/info"]) {
    it(`refuses ${path} without a token`, async () => {
      const res = await raw(h.inspector.port, path);
      assert.equal(res.status, 403);
      assert.equal(res.headers["content-security-policy"]?.toString().startsWith("default-src 'self'"), true);
    });
  }

  it("refuses a wrong token, and a wrong cookie", async () => {
    const wrong = h.inspector.token.slice(0, -1) + (h.inspector.token.endsWith("A") ? "B" : "A");
    assert.equal((await raw(h.inspector.port, `/?token=${wrong}`)).status, 403);
    assert.equal((await raw(h.inspector.port, `/?token=short`)).status, 403);
    const cookie = `zoomhook_inspector_${h.inspector.port}=${wrong}`;
    assert.equal((await raw(h.inspector.port, "/api/captures", { headers: { cookie } })).status, 403);
  });

  it("ignores a valid token stored under another port's cookie name", async () => {
    const cookie = `zoomhook_inspector_${h.inspector.port + 1}=${h.inspector.token}`;
    assert.equal((await raw(h.inspector.port, "/api/captures", { headers: { cookie } })).status, 403);
  });

  it("turns the token into an httpOnly SameSite=Strict cookie named after the port, and strips it from the URL", async () => {
    const res = await raw(h.inspector.port, `/?token=${h.inspector.token}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, "/");
    const setCookie = String(res.headers["set-cookie"]);
    assert.match(setCookie, new RegExp(`^zoomhook_inspector_${h.inspector.port}=${h.inspector.token};`));
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const api = await raw(h.inspector.port, "/api/captures", { headers: { cookie: authCookie(h.inspector) } });
    assert.equal(api.status, 200);
    assert.equal(JSON.parse(api.body).total, 1);
    assert.equal(api.headers["cache-control"], "no-store");
  });

  it("keeps other query parameters when stripping the token", async () => {
    const res = await raw(h.inspector.port, `/?token=${h.inspector.token}&x=1`);
    assert.equal(res.headers.location, "/?x=1");
  });

  it("accepts the token header for scripts", async () => {
    const res = await raw(h.inspector.port, "/api/info", { headers: { "x-zoomhook-token": h.inspector.token } });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).endpointUrl, "https://fluffy-otter-42.ngrok-free.app/webhook");
  });

  for (const host of ["localhost", "[::1]"]) {
    it(`allows Host ${host}:<port>`, async () => {
      const res = await raw(h.inspector.port, "/api/info", { headers: { host: `${host}:${h.inspector.port}`, cookie: authCookie(h.inspector) } });
      assert.equal(res.status, 200);
    });
  }

  for (const host of ["evil.example", "evil.example:PORT", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:PORT", "0.0.0.0:PORT"]) {
    it(`refuses Host ${host} even with a valid token (DNS rebinding)`, async () => {
      const res = await raw(h.inspector.port, `/?token=${h.inspector.token}`, {
        headers: { host: host.replace("PORT", String(h.inspector.port)), cookie: authCookie(h.inspector) },
      });
      assert.equal(res.status, 403);
      assert.equal(res.headers["set-cookie"], undefined);
    });
  }

  it("serves the page and static files with CSP, nosniff and no-referrer", async () => {
    const cookie = authCookie(h.inspector);
    const page = await raw(h.inspector.port, "/", { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers["content-type"]), /^text\/html/);
    assert.match(page.body, /<script type="module" src="\/static\/js\/app\.js"><\/script>/);
    assert.doesNotMatch(page.body, /<script>(?!<)/, "no inline script");
    assert.ok(page.body.includes(`content="${h.inspector.token}"`), "the token meta tag is filled in");
    for (const path of ["/", "/static/inspector.css", "/static/js/app.js", "/static/js/list.js", "/static/favicon.svg"]) {
      const res = await raw(h.inspector.port, path, { headers: { cookie } });
      assert.equal(res.status, 200, path);
      assert.match(String(res.headers["content-security-policy"]), /^default-src 'self'; script-src 'self'; style-src 'self'/);
      assert.doesNotMatch(String(res.headers["content-security-policy"]), /unsafe-inline/);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["referrer-policy"], "no-referrer");
    }
    assert.match(String((await raw(h.inspector.port, "/static/js/app.js", { headers: { cookie } })).headers["content-type"]), /^text\/javascript/);
  });

  it("answers 404 for unknown files, including path tricks", async () => {
    const cookie = authCookie(h.inspector);
    for (const path of ["/static/nope.js", "/static/../package.json", "/static/..%2fpackage.json", "/static/%2e%2e/package.json", "/package.json", "/api/nope"]) {
      assert.equal((await raw(h.inspector.port, path, { headers: { cookie } })).status, 404, path);
    }
  });
});

describe("inspector bound to every interface (--inspect-host 0.0.0.0)", () => {
  it("accepts the machine's real addresses and name in Host, still refuses other names", async () => {
    const { createGuard, hostForms } = await import("../../../src/inspector/auth.js");
    const os = await import("node:os");
    const port = 4040;
    const guard = createGuard("t", "0.0.0.0", port);
    const hostAllowed = (host: string) => guard.hostAllowed({ headers: { host } } as never);
    const own = Object.values(os.networkInterfaces()).flatMap((l) => l ?? []).filter((a) => !a.address.includes("%"));
    assert.ok(own.some((a) => !a.internal) || own.length > 0, "the machine has an address");
    for (const a of own) assert.equal(hostAllowed(a.family === "IPv6" ? `[${a.address}]:${port}` : `${a.address}:${port}`), true, a.address);
    assert.equal(hostAllowed(`${os.hostname()}:${port}`), true);
    assert.equal(hostAllowed(`evil.example:${port}`), false);
    assert.equal(hostAllowed(`${own[0]!.address}:1`), false);
    // Bound to loopback only, the machine's other addresses are not allowed.
    const lan = own.find((a) => !a.internal);
    if (lan) assert.equal(hostForms("127.0.0.1", port).includes(`${lan.address}:${port}`), false);
  });
});
