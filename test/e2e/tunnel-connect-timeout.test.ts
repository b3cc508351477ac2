// E2E: an ngrok edge that accepts the connection but never answers auth — `listen` must give up with exit 4 in bounded time.
// Own file (own process): ZOOMHOOK_NGROK_CONNECT_TIMEOUT_MS shortens the CLI's 15 s connect timeout for the test.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { makeTunnelWorld, type TunnelWorld } from "../support/tunnel-e2e.js";

describe("listen: silent ngrok edge", () => {
  let w: TunnelWorld | undefined;
  after(() => w?.close());

  it(
    "exits 4 with the network hint within a bounded time while the edge stays silent",
    { timeout: 60_000 },
    async () => {
      w = await makeTunnelWorld({ neverAnswerAuth: true });
      // The edge stays up (and silent) until after the CLI is gone, as a black-holed network would.
      const r = await runCli(["listen", "--json", ...w.tunnelArgs], {
        env: { ...w.tunnelEnv, ZOOMHOOK_NGROK_CONNECT_TIMEOUT_MS: "2000" },
        cwd: w.cwd,
        timeoutMs: 25_000,
      });
      assert.equal(r.signal, null, `killed by ${r.signal}`);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /✖ ngrok did not answer within 2000 ms\./);
      assert.match(r.stderr, /--no-tunnel/);
      assert.equal(w.edge.rpcsOf("auth").length, 1);
      assert.deepEqual(w.registryFiles(), []);
    },
  );
});
