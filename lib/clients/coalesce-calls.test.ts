import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesceCalls } from "./coalesce-calls";

describe("coalesceCalls", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first call at once and folds the calls within the window into one at its end", () => {
    const work = vi.fn();
    const call = coalesceCalls(work, 1000);
    call();
    expect(work).toHaveBeenCalledTimes(1);
    call();
    call();
    call();
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(2);
    // Nothing more was asked for: the window ends quietly and the next call runs at once.
    vi.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(2);
    call();
    expect(work).toHaveBeenCalledTimes(3);
  });

  it("never drops the last call: a steady stream runs once per window", () => {
    const work = vi.fn();
    const call = coalesceCalls(work, 100);
    for (let t = 0; t < 1000; t += 10) {
      call();
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(200);
    expect(work.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(work.mock.calls.length).toBeLessThanOrEqual(11);
  });
});
