// A receiver written the way CircleCI's webhook docs show: hex HMAC-SHA256 of the raw body, compared with
// the v1 entry of circleci-signature. Written from the docs, independently of zoomhook's provider code.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface DocsVerdict {
  eventType: string | undefined;
  accepted: boolean;
  id: string | undefined;
  status: number;
}

export interface DocsReceiver {
  url: string;
  verdicts: DocsVerdict[];
  close(): Promise<void>;
}

export function startCircleciDocsReceiver(secret: string, path = "/hooks/circleci"): Promise<DocsReceiver> {
  const verdicts: DocsVerdict[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      // "The signature is a comma-separated list of versioned signatures; check v1."
      const header = String(req.headers["circleci-signature"] ?? "");
      const v1 = header.split(",").map((p) => p.trim().split("=")).find(([v]) => v === "v1")?.[1] ?? "";
      const expected = createHmac("sha256", secret).update(raw).digest("hex");
      const accepted = v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
      let id: string | undefined;
      try {
        id = (JSON.parse(raw.toString("utf8")) as { id?: string }).id;
      } catch {
        id = undefined;
      }
      const status = req.url !== path || req.method !== "POST" ? 404 : accepted ? 200 : 401;
      verdicts.push({ eventType: req.headers["circleci-event-type"] as string | undefined, accepted, id, status });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: accepted }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${path}`,
        verdicts,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
