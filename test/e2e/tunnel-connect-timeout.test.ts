// E2E: an ngrok edge that accepts the connection but never answers auth — `listen` must give up with exit 4 in bounded time.
// Own file (own process, runs beside the others): the CLI's connect timeout is 15 s and has no flag.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runCli } from "../support/cli.js";
import { makeTunnelWorld, type TunnelWorld } from "../support/tunnel-e2e.js";

describe("listen: silent ngrok edge", () => {
  let w: TunnelWorld | undefined;
  after(() => w?.close());

  it(
    "exits 4 with the network hint within a bounded time while the edge stays silent",
    {
      timeout: 60_000,
      todo: "the CLI prints the error after 15 s but never exits while the edge holds the connection: the SDK's pending forward() keeps the event loop alive (fix proposed in src/cli/run.ts)",
    },
    async () => {
      w = await makeTunnelWorld({ neverAnswerAuth: true });
      const started = performance.now();
      // The edge stays up (and silent) until after the CLI is gone, as a black-holed network would.
      const r = await runCli(["listen", "--json", ...w.tunnelArgs], { env: w.tunnelEnv, cwd: w.cwd, timeoutMs: 25_000 });
      const ms = performance.now() - started;
      assert.equal(r.signal, null, `killed by ${r.signal}`);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /✖ ngrok did not answer within 15000 ms\./);
      assert.match(r.stderr, /--no-tunnel/);
      assert.ok(ms < 25_000, `exited after ${Math.round(ms)} ms`);
      assert.equal(w.edge.rpcsOf("auth").length, 1);
      assert.deepEqual(w.registryFiles(), []);
    },
  );
});
