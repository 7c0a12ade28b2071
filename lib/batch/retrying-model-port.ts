/**
 * A model port that tries a step again when the upstream failed in a way that may pass
 * (isTransientStepError: refused or reset connections, silence, 429, 5xx, lmdeploy's proxy
 * 10400/10401/10402), with exponential backoff and jitter, a bounded number of times. Anything
 * else (a 400, a model that is not served) comes back at once, and after the last attempt the
 * last error does: the loop records it on the item's round and the batch goes on.
 *
 * A retried attempt starts the model's text afresh, so each attempt's text is held back and
 * handed on only once the attempt has ended (the successful one, or the last failure, so its
 * partial text stays on the round). Batch runs watch no text as it streams, so nothing is lost;
 * it also spares the loop's reducer a state change per token across dozens of items.
 */
import type { ErrorInfo } from "../http/errors";
import { wrapModelPort, type ModelPort } from "../loop/loop-ports";
import { isTransientStepError } from "../steps/run-step";

export interface RetryOptions {
  /** Attempts per step in all (the first included); default 5. */
  attempts?: number;
  /** First backoff; doubled for each further attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0 ≤ x < 1; Math.random by default (tests pin it). */
  random?: () => number;
  /** Waits `ms` or rejects with an AbortError when `signal` aborts (tests make it instant). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told before every wait (logs). */
  onRetry?: (info: { role: keyof ModelPort; attempt: number; attempts: number; delayMs: number; error: ErrorInfo }) => void;
}

export const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 } as const;

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new DOMException("The step was stopped.", "AbortError"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * The wait before attempt `attempt + 1`: half the exponential step plus a random half ("equal
 * jitter"), so many items failing together spread out but none retries at once.
 */
export function backoffDelay(attempt: number, options: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export function withRetries(port: ModelPort, options: RetryOptions = {}): ModelPort {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_RETRY.attempts);
  const delays = { baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs, maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;

  return wrapModelPort(port, (role, call) => async (input, handlers, signal) => {
    for (let attempt = 1; ; attempt++) {
      const text: string[] = [];
      const result = await call(input, { onDelta: (delta) => text.push(delta) }, signal);
      const last = attempt >= attempts;
      if (result.ok || last || !isTransientStepError(result.error)) {
        if (text.length > 0) handlers.onDelta(text.join(""));
        return result;
      }
      const delayMs = backoffDelay(attempt, delays, random);
      options.onRetry?.({ role, attempt, attempts, delayMs, error: result.error });
      await sleep(delayMs, signal);
    }
  });
}
