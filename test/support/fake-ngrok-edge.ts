// A fake ngrok edge on loopback: TLS + muxado + ngrok's JSON RPCs, enough for the real @ngrok/ngrok SDK to auth, bind and proxy.
import type { AddressInfo } from "node:net";
import { createServer, type TLSSocket } from "node:tls";
import { loadFakeEdgeCert } from "./fake-ngrok-certs.js";
import { MuxConnection, u32, type MuxStream } from "./fake-ngrok-muxado.js";

// Stream types: the first 4 bytes (u32 BE) of every stream.
const AUTH = 0;
const BIND = 1;
const UNBIND = 2;
const PROXY = 3;
const HEARTBEAT = 0xffffffff;

export type RpcKind = "auth" | "bind" | "unbind";
export type Json = Record<string, any>;

export interface RecordedRpc {
  kind: RpcKind;
  /** The request JSON exactly as the agent sent it (PascalCase keys: Opts.Domain, Opts.TrafficPolicy, …). */
  body: Json;
}

/** Mutable at any time through `edge.behaviour`. */
export interface FakeEdgeBehaviour {
  /** An ngrok error code (e.g. "ERR_NGROK_107") returned to every Auth. */
  authError?: string;
  /** An ngrok error code (e.g. "ERR_NGROK_334") returned to every Bind. */
  bindError?: string;
  /** Record Auth requests but never answer them: the SDK's forward() then hangs. */
  neverAnswerAuth?: boolean;
  /** Record Unbind requests but hold their answers (see releaseUnbinds): listener.close() then hangs. */
  neverAnswerUnbind?: boolean;
  /** URL for a new tunnel; default https://<Opts.Domain> or https://fake-<n>.ngrok-free.app. */
  urlFor?: (bind: Json, n: number) => string;
}

export interface FakeRequestOptions {
  /** Which tunnel; default the most recently bound one that is online. */
  url?: string;
  /** How long to wait for an online tunnel plus the whole response; default 10000 ms. */
  timeoutMs?: number;
}

interface TunnelEntry {
  id: string;
  url: string;
  conn?: MuxConnection;
}

export interface FakeNgrokEdge {
  /** "127.0.0.1:<port>", the SDK's server_addr. */
  readonly addr: string;
  /** PEM path the SDK must trust (session_ca_cert). */
  readonly caCertPath: string;
  /** ZOOMHOOK_NGROK_SERVER_ADDR + ZOOMHOOK_NGROK_CA_CERT for openNgrokTunnel or a spawned CLI. */
  readonly env: { ZOOMHOOK_NGROK_SERVER_ADDR: string; ZOOMHOOK_NGROK_CA_CERT: string };
  readonly behaviour: FakeEdgeBehaviour;
  /** Every Auth/Bind/Unbind request, in arrival order. */
  readonly rpcs: RecordedRpc[];
  rpcsOf(kind: RpcKind): Json[];
  /** Agent TLS connections accepted so far (reconnects count). */
  readonly connectionCount: number;
  /** Sends raw HTTP/1.1 request bytes through a proxy stream; resolves with the raw response bytes. */
  request(raw: Buffer | string, options?: FakeRequestOptions): Promise<Buffer>;
  /** Resolves once `check()` is true (polled), rejects after timeoutMs. */
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Answers the Unbinds held back by neverAnswerUnbind (so the agent can finish shutting down). */
  releaseUnbinds(): void;
  /** Cuts every agent socket; the agent redials, re-auths and re-binds. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startFakeNgrokEdge(initial: FakeEdgeBehaviour = {}): Promise<FakeNgrokEdge> {
  const { cert, key, certPath } = loadFakeEdgeCert();
  const behaviour: FakeEdgeBehaviour = { ...initial };
  const rpcs: RecordedRpc[] = [];
  const sockets = new Set<TLSSocket>();
  const tunnels = new Map<string, TunnelEntry>();
  const heldUnbinds: Array<() => void> = [];
  let tunnelCount = 0;
  let clientCount = 0;
  let connectionCount = 0;

  const reply = (conn: MuxConnection, stream: MuxStream, body: Json): void => conn.write(stream, Buffer.from(JSON.stringify(body)), true);
  // The agent reads a non-empty "Error" as a failure and the line starting with ERR_NGROK_ as err.errorCode.
  const failure = (code: string): Json => ({ Error: `The fake ngrok edge refused this request.\n\n${code}\n` });

  function answer(conn: MuxConnection, stream: MuxStream, kind: RpcKind, body: Json): void {
    rpcs.push({ kind, body });
    if (kind === "auth") {
      if (behaviour.neverAnswerAuth) return;
      if (behaviour.authError) return reply(conn, stream, failure(behaviour.authError));
      // On reconnect the agent presents its previous ClientId; keep it.
      const clientId = typeof body.ClientId === "string" && body.ClientId !== "" ? body.ClientId : `fake-client-${++clientCount}`;
      return reply(conn, stream, { Version: "3", ClientId: clientId, Extra: {} });
    }
    if (kind === "bind") {
      if (behaviour.bindError) return reply(conn, stream, failure(behaviour.bindError));
      // A re-bind after reconnect carries the old tunnel Id and must get the same URL back.
      let entry = typeof body.Id === "string" ? tunnels.get(body.Id) : undefined;
      if (!entry) {
        const n = ++tunnelCount;
        const domain: unknown = body.Opts?.Domain;
        const url = behaviour.urlFor?.(body, n) ?? (typeof domain === "string" && domain !== "" ? `https://${domain}` : `https://fake-${n}.ngrok-free.app`);
        entry = { id: typeof body.Id === "string" && body.Id !== "" ? body.Id : `tn_fake${n}`, url };
        tunnels.set(entry.id, entry);
      }
      entry.conn = conn;
      return reply(conn, stream, { Id: entry.id, URL: entry.url, Proto: body.Proto ?? "https", Opts: body.Opts ?? {}, Extra: { Token: "" } });
    }
    if (typeof body.Id === "string") tunnels.delete(body.Id);
    // Unbind must be answered with {} + FIN, or the agent's close() waits forever.
    if (behaviour.neverAnswerUnbind) heldUnbinds.push(() => reply(conn, stream, {}));
    else reply(conn, stream, {});
  }

  function serveStream(conn: MuxConnection, stream: MuxStream): void {
    let type: number | undefined;
    let handled = false;
    stream.onChange = () => {
      if (type === undefined) {
        if (stream.data.length < 4) return;
        type = stream.data.readUInt32BE(0);
        stream.data = stream.data.subarray(4);
      }
      if (type === HEARTBEAT) {
        // Echo each 4-byte beat so the agent's heartbeat never times out.
        while (stream.data.length >= 4) {
          conn.write(stream, stream.data.subarray(0, 4));
          stream.data = stream.data.subarray(4);
        }
        return;
      }
      const kind = type === AUTH ? "auth" : type === BIND ? "bind" : type === UNBIND ? "unbind" : undefined;
      if (!kind || handled) return;
      // The agent writes one JSON object and does not half-close: parse as soon as it is complete.
      let body: Json;
      try {
        body = JSON.parse(stream.data.toString("utf8")) as Json;
      } catch {
        return;
      }
      handled = true;
      answer(conn, stream, kind, body);
    };
  }

  const server = createServer({ cert, key }, (socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      for (const t of tunnels.values()) if (t.conn?.socket === socket) t.conn = undefined;
    });
    const conn = new MuxConnection(socket, (stream) => serveStream(conn, stream));
  });
  server.on("tlsClientError", () => {});
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const addr = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`fake ngrok edge: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function request(raw: Buffer | string, options: FakeRequestOptions = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const started = Date.now();
    const online = (): TunnelEntry | undefined =>
      [...tunnels.values()].reverse().find((t) => t.conn && !t.conn.socket.destroyed && (options.url === undefined || t.url === options.url));
    await waitFor(() => online() !== undefined, `an online tunnel${options.url ? ` for ${options.url}` : ""}`, timeoutMs);
    const tunnel = online()!;
    const conn = tunnel.conn!;
    const stream = conn.open();
    // Proxy stream: u32 BE type 3, int64 LE header length, the JSON proxy header, then the raw request.
    const head = Buffer.from(JSON.stringify({ Id: tunnel.id, ClientAddr: "203.0.113.7:40000", Proto: "https", EdgeType: "", PassthroughTLS: false }));
    const size = Buffer.alloc(8);
    size.writeBigInt64LE(BigInt(head.length));
    return await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake ngrok edge: no complete response within ${timeoutMs} ms`)), Math.max(1, timeoutMs - (Date.now() - started)));
      stream.onChange = () => {
        if (!stream.remoteClosed) return;
        clearTimeout(timer);
        conn.write(stream, Buffer.alloc(0), true);
        if (stream.failure && stream.data.length === 0) reject(new Error(`fake ngrok edge: ${stream.failure}`));
        else resolve(stream.data);
      };
      conn.write(stream, Buffer.concat([u32(PROXY), size, head, Buffer.from(raw)]));
    });
  }

  return {
    addr,
    caCertPath: certPath,
    env: { ZOOMHOOK_NGROK_SERVER_ADDR: addr, ZOOMHOOK_NGROK_CA_CERT: certPath },
    behaviour,
    rpcs,
    rpcsOf: (kind) => rpcs.filter((r) => r.kind === kind).map((r) => r.body),
    get connectionCount() {
      return connectionCount;
    },
    request,
    waitFor,
    releaseUnbinds() {
      for (const send of heldUnbinds.splice(0)) send();
    },
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    async close() {
      // The agent never sends its GOAWAY (an encoding bug in muxado): destroy sockets rather than wait.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
