// Read a request body as raw bytes, keeping at most `maxBytes` but counting and hashing all of it.
import { createHash, type Hash } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface RawBody {
  /** The bytes kept: the whole body, or its first maxBytes when truncated. */
  bytes: Buffer;
  size: number;
  truncated: boolean;
  /** SHA-256 hex of the whole body; computed only when truncated (the prefix is not the body). */
  sha256?: string;
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    let hash: Hash | undefined;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (hash) {
        hash.update(chunk);
        return;
      }
      if (kept + chunk.length <= maxBytes) {
        chunks.push(chunk);
        kept += chunk.length;
        return;
      }
      // Over the limit: keep a prefix, hash everything from the start, stop buffering.
      hash = createHash("sha256");
      for (const c of chunks) hash.update(c);
      hash.update(chunk);
      const room = maxBytes - kept;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      kept = maxBytes;
    });
    req.on("end", () => {
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, kept);
      resolve(hash ? { bytes, size, truncated: true, sha256: hash.digest("hex") } : { bytes, size, truncated: false });
    });
    req.on("error", reject);
  });
}
