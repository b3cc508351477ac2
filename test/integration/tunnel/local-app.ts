// Test helpers for tunnel integration tests: a small node:http app on 127.0.0.1:0 and a raw-response parser.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalApp {
  addr: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Answers 201 with "got <method> <url> <body>" and records every request. */
export async function startLocalApp(): Promise<LocalApp> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const answer = `got ${req.method} ${req.url} ${body}`;
      res.writeHead(201, { "content-type": "text/plain", "content-length": Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    addr: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function rawPost(path: string, body: string): string {
  return `POST ${path} HTTP/1.1\r\nHost: fake.ngrok-free.app\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Status and body of a raw HTTP/1.1 response with Content-Length (what the local app sends). */
export function parseResponse(raw: Buffer): { status: number; body: string } {
  const text = raw.toString("utf8");
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  return { status, body: text.slice(split + 4) };
}
