/**
 * A bounded pool of workers over a list: at most `concurrency` items in work at once, in order,
 * none started once `signal` aborts. One item's failure is handed to `onError` and the pool
 * goes on. The batch runner and the SArena runner share it.
 *
 * Each item in work gets a signal of its own, all aborted by one listener on the pool's signal:
 * items listening on the pool's signal themselves put one listener per item in flight on it
 * (Node warns past 10: MaxListenersExceededWarning at concurrency 11 and more).
 */
export interface PoolResult {
  /** Items started (all of them unless the signal stopped the pool early). */
  started: number;
}

export async function runPool<T>(
  items: readonly T[],
  options: { concurrency: number; signal?: AbortSignal; onError?: (item: T, error: Error) => void },
  work: (item: T, itemSignal: AbortSignal) => Promise<void>,
): Promise<PoolResult> {
  const { signal } = options;
  let next = 0;
  const inFlight = new Set<AbortController>();
  const abortAll = () => {
    for (const c of inFlight) c.abort(signal?.reason);
  };
  signal?.addEventListener("abort", abortAll, { once: true });
  const worker = async () => {
    while (!signal?.aborted && next < items.length) {
      const item = items[next++];
      const own = new AbortController();
      inFlight.add(own);
      try {
        await work(item, own.signal);
      } catch (e) {
        options.onError?.(item, e instanceof Error ? e : new Error(String(e)));
      } finally {
        inFlight.delete(own);
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    signal?.removeEventListener("abort", abortAll);
  }
  return { started: next };
}
