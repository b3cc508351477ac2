// A deliberately broken Zoom webhook endpoint, a `check` fixture: each bug is one a real app has had.
import { createHmac } from "node:crypto";
import { expressLike, serve, BODY_PARSER_DEFAULT_LIMIT, type RunningEndpoint } from "./express-like.js";

export interface BrokenOptions {
  secret: string;
  /** Every answer to a POST waits this long (the bug: slow work before answering). Default 4 s. */
  delayMs?: number;
  path?: string;
}

/**
 * The bugs: the CRC answered with a base64 HMAC; signatures never checked (forged, unsigned and
 * other-secret deliveries all get 200); body-parser's 100 KB default limit; the slow work done before
 * answering; and a GET handler that reads a body that is not there.
 */
export async function startBrokenEndpoint(options: BrokenOptions): Promise<RunningEndpoint> {
  const path = options.path ?? "/webhook";
  const delayMs = options.delayMs ?? 4000;
  const handler = expressLike({
    limitBytes: BODY_PARSER_DEFAULT_LIMIT,
    routes: {
      [`POST ${path}`]: async (req, res) => {
        const body = req.body as { event?: string; payload?: { plainToken?: string } };
        await new Promise((r) => setTimeout(r, delayMs));
        if (body.event === "endpoint.url_validation") {
          const plainToken = String(body.payload?.plainToken);
          const encryptedToken = createHmac("sha256", options.secret).update(plainToken).digest("base64");
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ plainToken, encryptedToken }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      },
      [`GET ${path}`]: (req) => {
        // Throws: a GET carries no body, so there is no payload to read.
        const payload = (req.body as { payload?: { object: { id: string } } }).payload!;
        void payload.object.id;
      },
    },
  });
  return serve(handler, path);
}
