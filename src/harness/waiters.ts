// Waiting for the first item that matches a predicate: checked against what has arrived, then against each new arrival.
export class Waiters<T> {
  private readonly pending = new Set<{ match: (item: T) => boolean; resolve: (item: T) => void; reject: (err: Error) => void }>();

  wait(seen: readonly T[], match: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const found = seen.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const entry = {
        match,
        resolve: (item: T) => {
          clearTimeout(timer);
          this.pending.delete(entry);
          resolve(item);
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          this.pending.delete(entry);
          reject(err);
        },
      };
      const timer = setTimeout(() => entry.reject(new Error(`no matching ${what} within ${timeoutMs} ms (${seen.length} seen)`)), timeoutMs);
      this.pending.add(entry);
    });
  }

  offer(item: T): void {
    for (const w of [...this.pending]) if (w.match(item)) w.resolve(item);
  }

  cancel(reason: string): void {
    for (const w of [...this.pending]) w.reject(new Error(reason));
  }
}
