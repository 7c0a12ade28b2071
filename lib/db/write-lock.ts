/**
 * One writer at a time, per process. libsql's local client keeps a pool of connections and runs
 * each statement synchronously; a transaction holds its own connection across awaits. A write
 * on another connection while that transaction is open would wait for the file lock inside a
 * synchronous call, blocking the very event loop the transaction needs to commit: both stall
 * until the busy timeout and one fails (SQLITE_BUSY). Batch jobs write from many items at once,
 * next to the studio's own saves, so every write goes through this queue; reads need no turn
 * (WAL lets them run beside a writer).
 */
const KEY = Symbol.for("introsvg-studio.db-write-lock");
type WithLock = typeof globalThis & { [KEY]?: { tail: Promise<void> } };

function lock(): { tail: Promise<void> } {
  const g = globalThis as WithLock;
  g[KEY] ??= { tail: Promise.resolve() };
  return g[KEY];
}

/** Runs `write` once every write asked for before it has settled. Do not nest. */
export function serializedWrite<T>(write: () => Promise<T>): Promise<T> {
  const state = lock();
  const result = state.tail.then(write);
  state.tail = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}
