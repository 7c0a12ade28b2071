/**
 * A bounded pool of workers over a list: at most `concurrency` items in work at once, in order,
 * none started once `signal` aborts. One item's failure is handed to `onError` and the pool
 * goes on. The batch runner and the SArena runner share it.
 */
export interface PoolResult {
  /** Items started (all of them unless the signal stopped the pool early). */
  started: number;
}

export async function runPool<T>(
  items: readonly T[],
  options: { concurrency: number; signal?: AbortSignal; onError?: (item: T, error: Error) => void },
  work: (item: T) => Promise<void>,
): Promise<PoolResult> {
  let next = 0;
  const worker = async () => {
    while (!options.signal?.aborted && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (e) {
        options.onError?.(item, e instanceof Error ? e : new Error(String(e)));
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { started: next };
}
