// Test support: listeners sharing one PostgreSQL store, as a team's do, and a signed `send` to any of them.
import assert from "node:assert/strict";
import { runCli, startListener, type ListenerHandle, type World } from "./cli.js";

export interface Team {
  /** Has the inspector. */
  a: ListenerHandle;
  /** A teammate's listener: no inspector. */
  b: ListenerHandle;
  /** Start one more listener on the same store (no inspector). */
  join(): Promise<ListenerHandle>;
  /** `zoomhook send <event> --to <listener>`, signed with the team's secret; asserts it succeeded. */
  send(event: string, to: ListenerHandle): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeam(world: World, store: string, secret: string): Promise<Team> {
  const env = { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: secret };
  const listen = (inspect: string[]) => startListener(["--no-tunnel", "--port", "0", ...inspect, "--store", store], { cwd: world.cwd, env });
  const a = await listen(["--inspect-port", "0"]);
  const b = await listen(["--no-inspect"]).catch(async (error: unknown) => {
    await a.stop().catch(() => undefined);
    throw error;
  });
  return {
    a,
    b,
    join: () => listen(["--no-inspect"]),
    async send(event, to) {
      const r = await runCli(["send", event, "--to", to.ready.localUrl], { cwd: world.cwd, env });
      assert.equal(r.code, 0, r.stderr);
    },
    async stop() {
      await a.stop().catch(() => undefined);
      await b.stop().catch(() => undefined);
    },
  };
}
