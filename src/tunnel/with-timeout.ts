// Races a promise against a timer, because several @ngrok/ngrok calls can stay pending forever.

export class TimeoutElapsed extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = "TimeoutElapsed";
  }
}

/** Settles like `promise`, or rejects with TimeoutElapsed after `ms` (the timer is cleared as soon as it settles). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutElapsed(ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
