// A receiver written the way Zoom's sample app is (Express, body-parser's JSON with its 100 KB default limit,
// HMAC over JSON.stringify(req.body), no timestamp window), for interop tests and as a `check` fixture.
import { createHmac } from "node:crypto";
import { expressLike, serve, BODY_PARSER_DEFAULT_LIMIT } from "./express-like.js";

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
 * What the sample does on each request, in its own order: body-parser parses the body, then the route
 * rebuilds `v0:${ts}:${JSON.stringify(req.body)}`, compares it with x-zm-signature, and answers the CRC
 * with a hex HMAC of the plainToken, or 200 for an event, or 401.
 */
export async function startSampleReceiver(secret: string, path = "/webhook", limitBytes = BODY_PARSER_DEFAULT_LIMIT): Promise<SampleReceiver> {
  const verdicts: SampleVerdict[] = [];
  const handler = expressLike({
    limitBytes,
    routes: {
      [`POST ${path}`]: (req, res) => {
        const body = req.body as { event?: string; payload?: { plainToken?: string } };
        const reserialised = JSON.stringify(body);
        const message = `v0:${String(req.headers["x-zm-request-timestamp"])}:${reserialised}`;
        const expected = `v0=${createHmac("sha256", secret).update(message).digest("hex")}`;
        const accepted = req.headers["x-zm-signature"] === expected;
        let status = 401;
        let answer = JSON.stringify({ message: "Unauthorized request to Zoom Webhook sample.", status: 401 });
        if (accepted && body.event === "endpoint.url_validation") {
          const plainToken = String(body.payload?.plainToken);
          status = 200;
          answer = JSON.stringify({ plainToken, encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex") });
        } else if (accepted) {
          status = 200;
          answer = JSON.stringify({ message: "Authorized request to Zoom Webhook sample.", status: 200 });
        }
        verdicts.push({ event: body.event, accepted, reserialisedIdentical: reserialised === req.raw.toString("utf8"), status });
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-powered-by": "Express" }).end(answer);
      },
    },
  });
  const running = await serve(handler, path);
  return { url: running.url, verdicts, close: running.close };
}
