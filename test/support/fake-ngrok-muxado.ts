// muxado framing for the fake ngrok edge: frames in and out of one TLS socket, streams with flow control.
import type { Socket } from "node:net";

// Frame types and flags as the agent's muxado 0.5 encodes them (SYN is 0x2 in code, not 0x10 as its prose says).
const RST = 0;
const DATA = 1;
const WNDINC = 2;
const GOAWAY = 3;
const FIN = 0x1;
const SYN = 0x2;
/** The agent gives every stream a fixed 256 KiB window and expects WNDINC for what it sent. */
const WINDOW = 256 * 1024;
const MAX_CHUNK = 64 * 1024;

export interface MuxStream {
  readonly id: number;
  /** Bytes received and not yet consumed by the stream's handler. */
  data: Buffer;
  /** The agent half-closed (FIN), reset (RST) the stream, or the connection dropped. */
  remoteClosed: boolean;
  /** Set when the stream ended abnormally (RST code or connection loss). */
  failure?: string;
  /** Called after new data, FIN, RST or connection loss. */
  onChange?: () => void;
}

interface StreamState extends MuxStream {
  sendWindow: number;
  pending: Array<{ data: Buffer; fin: boolean }>;
  synSent: boolean;
  localClosed: boolean;
}

function header(length: number, type: number, flags: number, streamId: number): Buffer {
  const h = Buffer.alloc(8);
  h.writeUIntBE(length, 0, 3);
  h.writeUInt8((type << 4) | flags, 3);
  h.writeUInt32BE(streamId & 0x7fffffff, 4);
  return h;
}

export class MuxConnection {
  private inbox: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, StreamState>();
  // The edge opens even stream ids; the agent opens odd ones.
  private nextId = 2;

  constructor(
    readonly socket: Socket,
    private readonly onStream: (stream: MuxStream) => void,
  ) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("close", () => {
      for (const s of this.streams.values()) this.end(s, "connection closed");
      this.streams.clear();
    });
    socket.on("error", () => socket.destroy());
  }

  /** Opens an edge-initiated stream; its first write carries SYN. */
  open(): MuxStream {
    const s = this.track(this.nextId, false);
    this.nextId += 2;
    return s;
  }

  write(stream: MuxStream, data: Buffer, fin = false): void {
    const s = this.streams.get(stream.id);
    if (!s || s.localClosed || this.socket.destroyed) return;
    s.pending.push({ data, fin });
    if (fin) s.localClosed = true;
    this.flush(s);
  }

  private track(id: number, synSent: boolean): StreamState {
    const s: StreamState = { id, data: Buffer.alloc(0), remoteClosed: false, sendWindow: WINDOW, pending: [], synSent, localClosed: false };
    this.streams.set(id, s);
    return s;
  }

  private flush(s: StreamState): void {
    while (s.pending.length > 0) {
      const next = s.pending[0]!;
      const size = Math.min(next.data.length, s.sendWindow, MAX_CHUNK);
      if (size === 0 && next.data.length > 0) return; // wait for WNDINC
      const last = size === next.data.length;
      const flags = (s.synSent ? 0 : SYN) | (last && next.fin ? FIN : 0);
      this.socket.write(Buffer.concat([header(size, DATA, flags, s.id), next.data.subarray(0, size)]));
      s.synSent = true;
      s.sendWindow -= size;
      if (last) s.pending.shift();
      else next.data = next.data.subarray(size);
    }
    if (s.localClosed && s.remoteClosed) this.streams.delete(s.id);
  }

  private end(s: StreamState, failure?: string): void {
    if (failure && !s.remoteClosed) s.failure = failure;
    s.remoteClosed = true;
    s.onChange?.();
  }

  private receive(chunk: Buffer): void {
    this.inbox = this.inbox.length === 0 ? chunk : Buffer.concat([this.inbox, chunk]);
    while (this.inbox.length >= 8) {
      const length = this.inbox.readUIntBE(0, 3);
      if (this.inbox.length < 8 + length) return;
      const type = this.inbox[3]! >> 4;
      const flags = this.inbox[3]! & 0x0f;
      const id = this.inbox.readUInt32BE(4) & 0x7fffffff;
      const payload = this.inbox.subarray(8, 8 + length);
      this.inbox = this.inbox.subarray(8 + length);
      this.frame(type, flags, id, payload);
    }
  }

  private frame(type: number, flags: number, id: number, payload: Buffer): void {
    if (type === GOAWAY) {
      this.socket.destroy();
      return;
    }
    let s = this.streams.get(id);
    if (type === DATA) {
      const opened = !s && (flags & SYN) !== 0;
      if (opened) s = this.track(id, true);
      if (!s) return; // a late frame for a stream already forgotten
      if (payload.length > 0) {
        s.data = Buffer.concat([s.data, payload]);
        this.socket.write(Buffer.concat([header(4, WNDINC, 0, id), u32(payload.length)]));
      }
      if (flags & FIN) s.remoteClosed = true;
      if (opened) this.onStream(s);
      s.onChange?.();
      if (s.remoteClosed && s.localClosed) this.streams.delete(id);
    } else if (type === WNDINC && s) {
      s.sendWindow += payload.readUInt32BE(0);
      this.flush(s);
    } else if (type === RST && s) {
      this.streams.delete(id);
      this.end(s, `stream reset (code ${payload.length >= 4 ? payload.readUInt32BE(0) : "?"})`);
    }
  }
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}
