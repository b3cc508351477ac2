// A CircleCI receiver as often written from the docs' snippet: express.raw() body, the signature list split into
// a map with reduce, v1 compared with a hex HMAC of the raw body through timingSafeEqual — with no guard for a
// missing header or a missing v1 entry, so those throw. A `check` fixture.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { expressLike, serve, type RunningEndpoint } from "./express-like.js";

/** verifySignature as pasted: it throws on a missing header or a missing v1 entry. */
function verifySignature(secret: string, headers: IncomingHttpHeaders, body: Buffer): boolean {
  const signatureFromHeader = (headers["circleci-signature"] as string)
    .split(",")
    .reduce<Record<string, string>>((acc, pair) => {
      const [key, value] = pair.split("=");
      acc[key!] = value!;
      return acc;
    }, {}).v1;
  const validSignature = createHmac("sha256", secret).update(body).digest("hex");
  return timingSafeEqual(Buffer.from(validSignature, "hex"), Buffer.from(signatureFromHeader as string, "hex"));
}

export async function startCircleciExpressReceiver(secret: string, path = "/webhook"): Promise<RunningEndpoint & { received: string[] }> {
  const received: string[] = [];
  const handler = expressLike({
    parser: "raw",
    routes: {
      [`POST ${path}`]: (req, res) => {
        if (!verifySignature(secret, req.headers, req.raw)) {
          res.writeHead(401, { "content-type": "text/plain" }).end("invalid signature");
          return;
        }
        received.push(String(req.headers["circleci-event-type"]));
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      },
    },
  });
  const running = await serve(handler, path);
  return { ...running, received };
}
