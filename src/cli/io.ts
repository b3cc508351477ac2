// Writing to stdout/stderr: data to stdout, status to stderr; JSON lines for --json.
export function out(text: string): void {
  process.stdout.write(text);
}

export function note(text: string): void {
  process.stderr.write(text);
}

export function jsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Read a file's exact bytes, or stdin for "-". */
export async function readInput(file: string | undefined): Promise<Buffer> {
  if (file && file !== "-") {
    const { readFile } = await import("node:fs/promises");
    return readFile(file);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `zoomhook log | head`: once the reader has gone, stop quietly instead of dying on EPIPE with a stack
 * trace. A listener is stopped the way SIGTERM stops it (store closed, registry entry removed).
 */
export function quietOnBrokenPipe(): void {
  let gone = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
      if (gone) return;
      gone = true;
      if (process.listenerCount("SIGTERM") > 0) process.emit("SIGTERM", "SIGTERM");
      else process.exit(process.exitCode ?? 0);
    });
  }
}

/** Make Ctrl-C during a one-shot command exit 130 instead of a stack trace. */
export function exitOnInterrupt(): void {
  process.once("SIGINT", () => {
    process.exitCode = 130;
    process.stderr.write("\ninterrupted\n");
    process.exit(130);
  });
}
