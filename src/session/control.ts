// A loopback-only control endpoint for commands that act through a running listener (`log --clear`).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The control protocol, spelled once: the header carrying the token and the clear route. */
export const CONTROL_HEADER = "x-zoomhook-control";
export const CLEAR_PATH = "/clear";

export interface Control {
  url: string;
  token: string;
  close(): Promise<void>;
}

export function startControl(actions: { clear(): Promise<void> }): Promise<Control> {
  const token = randomBytes(24).toString("base64url");
  const expected = Buffer.from(token);
  const server = createServer((req, res) => {
    const given = Buffer.from(String(req.headers[CONTROL_HEADER] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(403).end();
      return;
    }
    if (req.method === "POST" && req.url === CLEAR_PATH) {
      actions.clear().then(
        () => res.writeHead(204).end(),
        (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(err.message),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        token,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

/** Ask a running listener, through its control endpoint, to clear its store. */
export async function requestClear(controlUrl: string, token: string): Promise<void> {
  const res = await fetch(`${controlUrl}${CLEAR_PATH}`, { method: "POST", headers: { [CONTROL_HEADER]: token } });
  if (!res.ok) throw new Error((await res.text()) || `status ${res.status}`);
}
