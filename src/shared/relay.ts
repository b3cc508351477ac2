// What a relay (forwarding to the developer's app) sees of a request and hands back: shared by receiver and forwarder.
import type { Classified, Verdict } from "../providers/types.js";
import type { Readable } from "node:stream";
import type { CapturedResponse, ForwardResult } from "./capture.js";

export interface Delivery {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  classified: Classified;
  verdict: Verdict;
}

export interface Relayed {
  response: CapturedResponse;
  forward: ForwardResult;
  /** The app's exact response bytes, when they should go back untouched. */
  raw?: Buffer;
  /** The same for an answer too big to hold in memory: streamed back from disk, then disposed of. */
  spooled?: SpooledBody;
}

export interface SpooledBody {
  size: number;
  open(): Readable;
  dispose(): void;
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** An answer zoomhook writes itself: JSON, UTF-8. */
export function jsonResponse(status: number, body: unknown): CapturedResponse {
  return { status, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(body) };
}
