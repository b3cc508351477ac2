// Turns a stored Capture into what the browser shows: body as text, credential headers masked unless revealed.
import { isUtf8 } from "node:buffer";
import { maskHeaders, type Capture } from "../shared/capture.js";

export interface CaptureView extends Omit<Capture, "body" | "response" | "forward"> {
  /** The body decoded as UTF-8 (exact unless `bodyIsUtf8` is false). */
  bodyText: string;
  bodyIsUtf8: boolean;
  /** Bytes kept in the store (less than bodySize when truncated). */
  bodyBytes: number;
  /** The Download-as-fixture file name. */
  fixtureName: string;
  /** Whether header values are shown in full. */
  revealed: boolean;
  response: Omit<Capture["response"], "headers"> & { headers: Array<[string, string]> };
  forward?: Omit<NonNullable<Capture["forward"]>, "headers"> & { headers?: Array<[string, string]> };
}

function headerPairs(record: Record<string, string>, reveal: boolean): Array<[string, string]> {
  const pairs = Object.entries(record);
  return reveal ? pairs : maskHeaders(pairs);
}

export function toCaptureView(c: Capture, reveal: boolean): CaptureView {
  const { body, response, forward, headers, ...rest } = c;
  const view: CaptureView = {
    ...rest,
    headers: reveal ? headers : maskHeaders(headers),
    bodyText: body.toString("utf8"),
    bodyIsUtf8: isUtf8(body),
    bodyBytes: body.length,
    fixtureName: fixtureFileName(c),
    revealed: reveal,
    response: { ...response, headers: headerPairs(response.headers, reveal) },
  };
  if (forward) {
    const { headers: fh, ...frest } = forward;
    view.forward = fh ? { ...frest, headers: headerPairs(fh, reveal) } : frest;
  }
  return view;
}

/** `<event>-<id>.json`, limited to characters that are safe in a file name and a header. */
export function fixtureFileName(c: Pick<Capture, "id" | "event" | "kind">): string {
  const base = `${c.event ?? c.kind}-${c.id}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `${base}.json`;
}
