// Test support: the inspector's /api/events stream read over node:http, one event frame at a time.
import assert from "node:assert/strict";
import { request } from "node:http";

export interface EventStream {
  /** The next frame that names an event ("event: request\ndata: {…}"); comments and keep-alives are skipped. */
  next(): Promise<string>;
  close(): void;
}

export function openStream(port: number, cookie: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events", headers: { host: `127.0.0.1:${port}`, cookie } }, (res) => {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^text\/event-stream/);
      let buffer = "";
      const waiting: Array<(frame: string) => void> = [];
      const frames: string[] = [];
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith("event:")) continue;
          const w = waiting.shift();
          if (w) w(frame);
          else frames.push(frame);
        }
      });
      resolve({
        next: () => new Promise((r) => (frames.length ? r(frames.shift()!) : waiting.push(r))),
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
    req.end();
  });
}
