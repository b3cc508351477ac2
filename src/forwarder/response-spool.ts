// The app's answer on its way back: counted and hashed as it arrives, held in memory up to a limit, beyond it in a private temp file.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SpooledBody } from "../shared/relay.js";

/** Answers up to this size stay in memory (every webhook answer in practice). */
export const RELAY_MEMORY_BYTES = 1024 * 1024;
/** What a capture keeps of the app's answer; the size and SHA-256 stand for the rest. */
export const STORED_RESPONSE_BYTES = 64 * 1024;


export interface SpoolResult {
  size: number;
  sha256: string;
  /** The first STORED_RESPONSE_BYTES. */
  prefix: Buffer;
  /** The whole answer, when it fit in memory. */
  whole?: Buffer;
  spooled?: SpooledBody;
}

export class ResponseSpool {
  private chunks: Buffer[] = [];
  private kept = 0;
  private size = 0;
  private readonly hash = createHash("sha256");
  private prefix: Buffer[] = [];
  private prefixBytes = 0;
  private file: string | undefined;
  private fd: number | undefined;

  constructor(private readonly memoryLimit = RELAY_MEMORY_BYTES) {}

  write(chunk: Buffer): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.prefixBytes < STORED_RESPONSE_BYTES) {
      const part = chunk.subarray(0, STORED_RESPONSE_BYTES - this.prefixBytes);
      this.prefix.push(part);
      this.prefixBytes += part.length;
    }
    if (this.fd === undefined && this.kept + chunk.length <= this.memoryLimit) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return;
    }
    if (this.fd === undefined) this.openFile();
    writeAll(this.fd!, chunk);
  }

  finish(): SpoolResult {
    const result: SpoolResult = { size: this.size, sha256: this.hash.digest("hex"), prefix: Buffer.concat(this.prefix, this.prefixBytes) };
    if (this.fd === undefined) {
      result.whole = Buffer.concat(this.chunks, this.kept);
      return result;
    }
    fs.closeSync(this.fd);
    this.fd = undefined;
    const file = this.file!;
    const size = this.size;
    result.spooled = {
      size,
      open: () => fs.createReadStream(file),
      dispose: () => fs.rmSync(path.dirname(file), { recursive: true, force: true }),
    };
    return result;
  }

  /** Drop whatever was written (the exchange failed). */
  discard(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.file) fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
    this.chunks = [];
  }

  // A private directory (0700) per answer: its bytes may be personal data, like the captures.
  private openFile(): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoomhook-relay-"));
    this.file = path.join(dir, "body");
    this.fd = fs.openSync(this.file, "w", 0o600);
    for (const c of this.chunks) writeAll(this.fd, c);
    this.chunks = [];
    this.kept = 0;
  }
}

function writeAll(fd: number, chunk: Buffer): void {
  let done = 0;
  while (done < chunk.length) done += fs.writeSync(fd, chunk, done);
}
