/**
 * One limit on requests in flight to the inference server, shared by everything in this
 * process that calls it: the studio's interactive steps and every batch job. Two lanes:
 *
 * - interactive steps (a person is watching) go first: a waiting interactive step is always
 *   admitted before any waiting batch step, and
 * - batch steps may hold at most `limit - interactiveReserve` slots, so a few slots stay free
 *   for people and an interactive step starts at once instead of waiting for a batch step
 *   already running on the GPU (which may take a minute) to finish.
 *
 * Waiters are served first come, first served within a lane. A waiter whose signal aborts
 * leaves the queue at once (rejecting with the signal's AbortError), so Stop and Ctrl-C never
 * wait for a slot.
 *
 * The limit is per process: a CLI batch and a studio pointed at the same server each keep
 * their own (the server queues what it cannot take; lmdeploy's proxy has no admission control,
 * so each client must bound itself).
 */
import { studioConfig, type StudioConfig } from "../config/studio-config";

export type UpstreamPriority = "interactive" | "batch";

export interface LimiterOptions {
  /** Requests in flight at most, all lanes together (≥ 1). */
  limit: number;
  /** Slots batch steps leave free for interactive ones (0 ≤ reserve < limit). */
  interactiveReserve: number;
}

export interface LimiterStats {
  inFlight: { interactive: number; batch: number };
  waiting: { interactive: number; batch: number };
  limit: number;
  batchLimit: number;
}

export interface UpstreamLimiter {
  /** Waits for a slot; resolves with its release (call it exactly once). Rejects if `signal` aborts first. */
  acquire(priority: UpstreamPriority, signal?: AbortSignal): Promise<() => void>;
  stats(): LimiterStats;
  /** Changes the limits; waiters that now fit are admitted at once. */
  configure(options: LimiterOptions): void;
}

interface Waiter {
  priority: UpstreamPriority;
  admit: () => void;
}

function abortReason(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason : new DOMException("The step was stopped.", "AbortError");
}

function checked(options: LimiterOptions): LimiterOptions {
  const limit = Math.max(1, Math.floor(options.limit));
  const interactiveReserve = Math.min(Math.max(0, Math.floor(options.interactiveReserve)), limit - 1);
  return { limit, interactiveReserve };
}

export function createUpstreamLimiter(initial: LimiterOptions): UpstreamLimiter {
  let options = checked(initial);
  const inFlight = { interactive: 0, batch: 0 };
  const queues: Record<UpstreamPriority, Waiter[]> = { interactive: [], batch: [] };

  const total = () => inFlight.interactive + inFlight.batch;
  const fits = (priority: UpstreamPriority) =>
    total() < options.limit && (priority === "interactive" || inFlight.batch < options.limit - options.interactiveReserve);

  const grant = (priority: UpstreamPriority): (() => void) => {
    inFlight[priority] += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight[priority] -= 1;
      pump();
    };
  };

  /** Admits waiters while they fit: every interactive waiter before any batch waiter. */
  const pump = () => {
    for (const priority of ["interactive", "batch"] as const) {
      const queue = queues[priority];
      while (queue.length > 0 && fits(priority)) queue.shift()!.admit();
    }
  };

  return {
    acquire(priority, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      // Nobody of this lane or a higher one waiting, and room: take it now (no queue-jumping).
      const ahead = priority === "interactive" ? queues.interactive.length : queues.interactive.length + queues.batch.length;
      if (ahead === 0 && fits(priority)) return Promise.resolve(grant(priority));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          priority,
          admit: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve(grant(priority));
          },
        };
        const onAbort = () => {
          const queue = queues[priority];
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(abortReason(signal!));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queues[priority].push(waiter);
      });
    },
    stats: () => ({
      inFlight: { ...inFlight },
      waiting: { interactive: queues.interactive.length, batch: queues.batch.length },
      limit: options.limit,
      batchLimit: options.limit - options.interactiveReserve,
    }),
    configure(next) {
      options = checked(next);
      pump();
    },
  };
}

/** Default: InternSVG's evaluation runs 32 workers against one lmdeploy proxy. */
export const DEFAULT_MAX_CONCURRENCY = 32;

/** Slots kept for people: an eighth of the limit, at least one when there are two or more. */
export function defaultInteractiveReserve(limit: number): number {
  return limit >= 2 ? Math.max(1, Math.floor(limit / 8)) : 0;
}

/** INFERENCE_MAX_CONCURRENCY (lib/config), or the default; a bad value is reported at start-up. */
export function limiterOptionsFor(config: Pick<StudioConfig, "inference"> = studioConfig()): LimiterOptions {
  const limit = config.inference.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  return { limit, interactiveReserve: defaultInteractiveReserve(limit) };
}

// One per process, kept on globalThis: Next may load this module once per route bundle, and
// every route must share the same limit.
const KEY = Symbol.for("introsvg-studio.upstream-limiter");
type WithLimiter = typeof globalThis & { [KEY]?: UpstreamLimiter };

/** The process's limiter (made from the environment on first use). */
export function upstreamLimiter(): UpstreamLimiter {
  const g = globalThis as WithLimiter;
  g[KEY] ??= createUpstreamLimiter(limiterOptionsFor());
  return g[KEY];
}
