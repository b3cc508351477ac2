// A receiver that verifies the way Zoom's sample apps do (HMAC over JSON.stringify(JSON.parse(body))), for interop tests.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SampleVerdict {
  event: string | undefined;
  /** The sample's check passed (its re-serialised message matched x-zm-signature). */
  accepted: boolean;
  /** Whether JSON.stringify(JSON.parse(body)) reproduced the exact bytes received. */
  reserialisedIdentical: boolean;
  status: number;
}

export interface SampleReceiver {
  url: string;
  verdicts: SampleVerdict[];
  close(): Promise<void>;
}

/**
 * What the sample does on each request, in its own order: parse the body (as body-parser would),
 * rebuild `v0:${ts}:${JSON.stringify(body)}`, compare with x-zm-signature, then answer the CRC
 * with a hex HMAC of the plainToken, or 200 for an event, or 401.
 */
export function startSampleReceiver(secret: string, path = "/webhook"): Promise<SampleReceiver> {
  const verdicts: SampleVerdict[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: { event?: string; payload?: { plainToken?: string } };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (req.url !== path || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      const reserialised = JSON.stringify(body);
      const message = `v0:${String(req.headers["x-zm-request-timestamp"])}:${reserialised}`;
      const expected = `v0=${createHmac("sha256", secret).update(message).digest("hex")}`;
      const accepted = req.headers["x-zm-signature"] === expected;
      let status = 401;
      let answer = JSON.stringify({ message: "Unauthorized request to Zoom Webhook sample." });
      if (accepted && body.event === "endpoint.url_validation") {
        const plainToken = String(body.payload?.plainToken);
        status = 200;
        answer = JSON.stringify({ plainToken, encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex") });
      } else if (accepted) {
        status = 200;
        answer = JSON.stringify({ message: "Authorized request to Zoom Webhook sample." });
      }
      verdicts.push({ event: body.event, accepted, reserialisedIdentical: reserialised === raw, status });
      res.writeHead(status, { "content-type": "application/json" }).end(answer);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
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
