// Waiting on a spawned CLI process: for something in its output, and for it to stop after a signal.
import type { ChildProcess } from "node:child_process";

/** Resolve with probe()'s first defined answer, re-checked whenever `waiters` are poked; fail on exit or timeout. */
export function waitUntil<T>(
  child: ChildProcess,
  waiters: Set<() => void>,
  probe: () => T | undefined,
  what: string,
  timeoutMs: number,
  dump: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const found = probe();
      if (found !== undefined) {
        cleanup();
        resolve(found);
      } else if (child.exitCode !== null || child.signalCode !== null) {
        cleanup();
        reject(new Error(`zoomhook exited (${child.exitCode ?? child.signalCode}) before ${what}${dump()}`));
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${what} within ${timeoutMs} ms${dump()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}

/** Send `signal`, wait for the process to close (SIGKILL and fail after timeoutMs); elapsedMs counts from the signal. */
export async function stopChild<R extends object>(
  child: ChildProcess,
  exited: Promise<R>,
  signal: NodeJS.Signals,
  timeoutMs: number,
  dump: () => string,
): Promise<R & { elapsedMs: number }> {
  const sent = performance.now();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    exited,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`zoomhook did not exit within ${timeoutMs} ms of ${signal}${dump()}`));
      }, timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return { ...result, elapsedMs: performance.now() - sent };
}
