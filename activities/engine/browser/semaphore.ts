/** A counting semaphore: the worker-level cap on pages open at once. Waiters are served first come, first served. */
export class Semaphore {
  private waiting: Array<() => void> = [];
  private inUse = 0;

  constructor(private readonly limit: number) {}

  get active(): number {
    return this.inUse;
  }

  /** Resolves with a release function once a slot is free; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const grant = (): (() => void) => {
      this.inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.inUse -= 1;
        this.waiting.shift()?.();
      };
    };
    if (this.inUse < this.limit) return Promise.resolve(grant());
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(grant());
      };
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== wake);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(wake);
    });
  }
}
