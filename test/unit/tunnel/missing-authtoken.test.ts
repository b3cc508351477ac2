// Unit test: a missing authtoken fails with exit 3 before dialling and before @ngrok/ngrok is even loaded.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { openNgrokTunnel } from "../../../src/tunnel/index.js";

// CommonJS modules loaded through import() still land in the require cache.
const loadedNgrok = (): string[] => Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes("@ngrok"));

describe("openNgrokTunnel without an authtoken", () => {
  let dials = 0;
  const edge = createServer((socket) => {
    dials++;
    socket.destroy();
  });
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
    env = { ZOOMHOOK_NGROK_SERVER_ADDR: `127.0.0.1:${(edge.address() as AddressInfo).port}` };
  });
  after(() => new Promise<void>((resolve) => edge.close(() => resolve())));

  for (const authtoken of [undefined, "", "   "]) {
    it(`rejects ${JSON.stringify(authtoken)} with ngrok_no_authtoken, exit 3`, async () => {
      await assert.rejects(openNgrokTunnel({ addr: "127.0.0.1:9", authtoken, env }), (err: unknown) => {
        const e = err as { code: string; exitCode: number; hint?: string };
        assert.equal(e.code, "ngrok_no_authtoken");
        assert.equal(e.exitCode, 3);
        assert.match(e.hint ?? "", /NGROK_AUTHTOKEN/);
        return true;
      });
    });
  }

  it("never dialled and never loaded the SDK", () => {
    assert.equal(dials, 0);
    assert.deepEqual(loadedNgrok(), []);
  });
});
