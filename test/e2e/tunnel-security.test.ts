// E2E: nothing that arrives through the tunnel can reach the inspector — its routes answer 404/405 on the receiver.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startListener, type ListenerHandle } from "../support/cli.js";
import { makeTunnelWorld, parseHttp, rawRequest, SECRET, type TunnelWorld } from "../support/tunnel-e2e.js";

const T = { timeout: 60_000 };

describe("the tunnel never exposes the inspector (fake edge)", () => {
  let w: TunnelWorld;
  let l: ListenerHandle;
  let token: string;
  let inspector: URL;
  before(async () => {
    w = await makeTunnelWorld();
    l = await startListener(w.tunnelArgs, { env: { ...w.tunnelEnv, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, cwd: w.cwd, readyTimeoutMs: 30_000 });
    inspector = new URL(String(l.ready.inspectorUrl));
    token = inspector.searchParams.get("token") ?? "";
    assert.ok(token.length >= 16, "the ready line carries the inspector token");
  });
  after(async () => {
    await l?.stop().catch(() => undefined);
    await w.close();
  });

  const paths = () => ["/", "/api/captures", "/api/events", "/api/info", "/api/clear", `/?token=${token}`, `/api/captures?token=${token}`];

  for (const method of ["GET", "POST"]) {
    it(`${method} on inspector paths through the tunnel gets 404/405 from the receiver, never inspector content`, T, async () => {
      for (const path of paths()) {
        const headers = { "x-zoomhook-token": token, Cookie: `zoomhook_inspector_${inspector.port}=${token}` };
        // Even with the inspector's own Host header and token, the tunnel dials the receiver only.
        for (const host of ["fake.ngrok-free.app", inspector.host]) {
          const raw = rawRequest(method, path, { host, headers, body: method === "POST" ? "{}" : undefined });
          const res = parseHttp(await w.edge.request(raw, { timeoutMs: 20_000 }));
          assert.ok(res.status === 404 || res.status === 405, `${method} ${path} (Host ${host}) → ${res.status} ${res.body.slice(0, 200)}`);
          assert.equal(res.headers["set-cookie"], undefined, `${method} ${path} sets no cookie`);
          assert.notEqual(res.headers["content-type"]?.startsWith("text/html"), true, `${method} ${path} serves no HTML`);
          assert.notEqual(res.headers["content-type"]?.startsWith("text/event-stream"), true, `${method} ${path} opens no event stream`);
          assert.doesNotMatch(res.body, /<html|captures"\s*:|endpointUrl|"ok"\s*:\s*true/i, `${method} ${path} leaks nothing`);
        }
      }
    });
  }

  it("the same routes on the inspector port with the token work (the control case)", T, async () => {
    const list = await fetch(new URL("/api/captures", inspector), { headers: { "x-zoomhook-token": token } });
    assert.equal(list.status, 200);
    assert.match(list.headers.get("content-type") ?? "", /json/);
    await list.arrayBuffer();
    const info = await fetch(new URL("/api/info", inspector), { headers: { "x-zoomhook-token": token } });
    assert.equal(info.status, 200);
    assert.equal(((await info.json()) as { endpointUrl: string }).endpointUrl, l.ready.publicUrl, "the inspector shows the public endpoint");
    const page = await fetch(new URL(`/?token=${token}`, inspector), { redirect: "manual" });
    assert.ok(page.status === 200 || page.status === 303, `page → ${page.status}`);
    if (page.status === 303) assert.match(page.headers.get("set-cookie") ?? "", new RegExp(`zoomhook_inspector_${inspector.port}=`));
    await page.arrayBuffer();
    const noToken = await fetch(new URL("/api/captures", inspector));
    assert.ok(noToken.status === 401 || noToken.status === 403, `no token → ${noToken.status}`);
    await noToken.arrayBuffer();
  });
});
