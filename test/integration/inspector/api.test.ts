// Inspector API over real HTTP: paging, filters, detail masking, curl, fixture, and POST-only mutations.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { authCookie, makeCapture, raw, startHarness, type Harness } from "../../support/inspector-harness.js";

describe("inspector API", () => {
  let h: Harness;
  let cookie: string;
  const get = async (path: string) => {
    const res = await raw(h.inspector.port, path, { headers: { cookie } });
    return { ...res, json: res.headers["content-type"]?.toString().includes("json") ? JSON.parse(res.body) : undefined };
  };
  const postAs = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(h.inspector.port, path, { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: body === undefined ? "" : JSON.stringify(body) });
  const post = (path: string, body?: unknown) => postAs(path, body, { "x-zoomhook-token": h.inspector.token });

  before(async () => {
    const captures = [];
    for (let i = 0; i < 250; i++) {
      const event = i % 5 === 0 ? "recording.completed" : i % 2 ? "meeting.started" : "meeting.ended";
      captures.push(makeCapture({ event, verification: i % 7 === 0 ? "invalid" : "valid" }));
    }
    captures.push(makeCapture({ event: "endpoint.url_validation", kind: "crc" }));
    h = await startHarness({ captures });
    cookie = authCookie(h.inspector);
  });
  after(() => h.close());

  it("pages newest first with a cursor, never more than the limit", async () => {
    const first = await get("/api/captures?limit=100");
    assert.equal(first.status, 200);
    assert.equal(first.json.total, 251);
    assert.equal(first.json.items.length, 100);
    assert.equal(first.json.items[0].event, "endpoint.url_validation");
    const ids: string[] = first.json.items.map((s: { id: string }) => s.id);
    assert.deepEqual(ids, [...ids].sort().reverse());
    const second = await get(`/api/captures?limit=100&before=${first.json.nextBefore}`);
    assert.ok(second.json.items[0].id < ids[ids.length - 1]);
    const third = await get(`/api/captures?limit=100&before=${second.json.nextBefore}`);
    assert.equal(third.json.items.length, 51);
    assert.equal(third.json.nextBefore, null);
    assert.equal((await get("/api/captures?limit=100000")).json.items.length, 251);
    assert.equal((await get("/api/captures")).json.items.length, 100, "default page size");
  });

  it("filters by event (exact or prefix*), verification and kind", async () => {
    const meetings = await get("/api/captures?limit=500&event=meeting.*");
    assert.ok(meetings.json.items.length > 0);
    assert.ok(meetings.json.items.every((s: { event: string }) => s.event.startsWith("meeting.")));
    const recordings = await get("/api/captures?limit=500&event=recording.completed");
    assert.equal(recordings.json.items.length, 50);
    const invalid = await get("/api/captures?limit=500&verification=invalid&event=meeting.*");
    assert.ok(invalid.json.items.every((s: { verification: string; event: string }) => s.verification === "invalid" && s.event.startsWith("meeting.")));
    assert.equal((await get("/api/captures?kind=crc")).json.items.length, 1);
  });

  it("rejects bad query values with a message", async () => {
    assert.equal((await get("/api/captures?verification=bogus")).status, 400);
    assert.match((await get("/api/captures?limit=-3")).json.error, /limit/);
    assert.equal((await get("/api/captures?kind=nope")).status, 400);
  });

  it("a store with one listener has no listener filter: refused, not ignored", async () => {
    const refused = await get("/api/captures?listener=ci-runner-7");
    assert.equal(refused.status, 400);
    assert.match(refused.json.error, /shared \(postgres:\/\/\) store/);
    assert.deepEqual((await get("/api/listeners")).json, { listeners: [] });
    const info = (await get("/api/info")).json;
    assert.equal(info.shared, false);
    assert.equal(info.listener, null);
  });

  it("masks credential headers in detail unless revealed", async () => {
    const id = h.reader.all()[5].id;
    const masked = await get(`/api/captures/${id}`);
    const auth = masked.json.headers.find(([k]: [string]) => k === "authorization")[1];
    assert.equal(auth, "Bearer s3cr••••••••");
    assert.equal(masked.json.revealed, false);
    assert.equal(masked.json.bodyIsUtf8, true);
    assert.equal(masked.json.bodyText, h.reader.all()[5].body.toString("utf8"));
    const revealed = await get(`/api/captures/${id}?reveal=1`);
    assert.equal(revealed.json.headers.find(([k]: [string]) => k === "authorization")[1], "Bearer s3cr3t-verification-token");
    assert.equal((await get("/api/captures/nope")).status, 404);
    assert.equal((await get("/api/captures/%E0%A4%A")).status, 400);
  });

  it("copies as curl with masked secrets by default and the exact body", async () => {
    const c = h.reader.all()[3];
    const curl = await get(`/api/captures/${c.id}/curl`);
    assert.match(curl.body, /^curl -X POST 'https:\/\/fluffy-otter-42\.ngrok-free\.app\/webhook'/);
    assert.match(curl.body, /-H 'authorization: Bearer s3cr••••••••'/);
    assert.doesNotMatch(curl.body, /-H 'host:/);
    assert.ok(curl.body.includes(`--data-binary '${c.body.toString("utf8")}'`));
    assert.match((await get(`/api/captures/${c.id}/curl?reveal=1`)).body, /Bearer s3cr3t-verification-token/);
  });

  it("downloads the exact body bytes as <event>-<id>.json", async () => {
    const c = h.reader.all()[4];
    const res = await get(`/api/captures/${c.id}/fixture`);
    assert.equal(res.headers["content-disposition"], `attachment; filename="${c.event}-${c.id}.json"`);
    assert.equal(res.body, c.body.toString("utf8"));
  });

  it("replays only by POST with the token header", async () => {
    const id = h.reader.all()[10].id;
    assert.equal((await get(`/api/captures/${id}/replay`)).status, 405);
    assert.equal((await postAs(`/api/captures/${id}/replay`, {})).status, 403, "cookie alone is not enough");
    assert.equal((await postAs(`/api/captures/${id}/replay`, {}, { "x-zoomhook-token": "wrong" })).status, 403);
    const foreign = await postAs(`/api/captures/${id}/replay`, {}, { "x-zoomhook-token": h.inspector.token, origin: "http://evil.example" });
    assert.equal(foreign.status, 403);
    assert.equal(h.replays.length, 0);
    const ok = await post(`/api/captures/${id}/replay`, {});
    assert.equal(ok.status, 200);
    assert.equal(h.replays.length, 1);
    assert.deepEqual(JSON.parse(ok.body), { status: 200, captureId: h.replays[0].newId });
    assert.equal(h.replays[0].body, undefined, "a plain replay sends the stored bytes");
    assert.equal((await post("/api/captures/nope/replay", {})).status, 404);
  });

  it("refuses an edited body that is not JSON, with the parse error", async () => {
    const id = h.reader.all()[10].id;
    const before = h.replays.length;
    const res = await post(`/api/captures/${id}/replay`, { body: '{"event": "meeting.started",}' });
    assert.equal(res.status, 400);
    assert.match(JSON.parse(res.body).error, /^The edited body is not valid JSON: .*(Unexpected|Expected)/);
    assert.equal(h.replays.length, before);
    const edited = '{"event":"meeting.started","payload":{"edited":true}}';
    assert.equal((await post(`/api/captures/${id}/replay`, { body: edited })).status, 200);
    assert.equal(h.replays.at(-1)?.body, edited);
    assert.equal((await post(`/api/captures/${id}/replay`, { body: 42 })).status, 400);
  });

  it("clears only by POST with the token header", async () => {
    assert.equal((await get("/api/clear")).status, 405);
    assert.equal((await postAs("/api/clear", undefined)).status, 403);
    assert.equal(h.clears, 0);
    const res = await post("/api/clear");
    assert.equal(res.status, 200);
    assert.equal(h.clears, 1);
    assert.equal((await get("/api/captures")).json.total, 0);
  });
});

describe("inspector API page cap", () => {
  it("never returns more than 500 items, however many are asked for and stored", async () => {
    const h = await startHarness({ captures: Array.from({ length: 520 }, () => makeCapture()) });
    try {
      const cookie = authCookie(h.inspector);
      const res = await raw(h.inspector.port, "/api/captures?limit=100000", { headers: { cookie } });
      const page = JSON.parse(res.body) as { items: unknown[]; total: number; nextBefore: string | null };
      assert.equal(page.total, 520);
      assert.equal(page.items.length, 500);
      assert.notEqual(page.nextBefore, null, "the rest is one page away");
    } finally {
      await h.close();
    }
  });
});
