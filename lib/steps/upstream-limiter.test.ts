/**
 * The shared upstream limit: interactive steps go before batch steps, batch steps leave the
 * reserve free, waiting ends on abort, and runStep takes a slot in its config's lane.
 */
import { describe, expect, it } from "vitest";
import { parseStudioConfig } from "../config/studio-config";
import { createUpstreamLimiter, defaultInteractiveReserve, limiterOptionsFor, upstreamLimiter } from "./upstream-limiter";
import { withInProcessEngine } from "./builtin-engine-fetch";
import { readInferenceConfig } from "./config";
import { runStep } from "./run-step";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the upstream limiter", () => {
  it("admits interactive waiters before batch waiters that queued earlier", async () => {
    const limiter = createUpstreamLimiter({ limit: 2, interactiveReserve: 0 });
    const releases = [await limiter.acquire("batch"), await limiter.acquire("batch")];
    const order: string[] = [];
    const wait = (name: string, priority: "interactive" | "batch") =>
      limiter.acquire(priority).then((release) => {
        order.push(name);
        return release;
      });
    const waiting = [wait("b1", "batch"), wait("b2", "batch"), wait("i1", "interactive"), wait("b3", "batch"), wait("i2", "interactive")];
    await tick();
    expect(order).toEqual([]);
    expect(limiter.stats().waiting).toEqual({ interactive: 2, batch: 3 });

    releases[0]();
    await tick();
    expect(order).toEqual(["i1"]);
    releases[1]();
    await tick();
    expect(order).toEqual(["i1", "i2"]);
    // Interactive lane empty: batch waiters in the order they came.
    const admitted = await Promise.all(waiting.slice(2, 3).concat(waiting.slice(4)));
    admitted.forEach((release) => release());
    await tick();
    expect(order).toEqual(["i1", "i2", "b1", "b2"]);
  });

  it("keeps the reserve for interactive steps: batch never holds the last slots", async () => {
    const limiter = createUpstreamLimiter({ limit: 4, interactiveReserve: 1 });
    const batch = await Promise.all([1, 2, 3].map(() => limiter.acquire("batch")));
    let fourth = false;
    void limiter.acquire("batch").then(() => (fourth = true));
    await tick();
    expect(fourth).toBe(false);
    expect(limiter.stats().inFlight).toEqual({ interactive: 0, batch: 3 });
    // A person's step starts at once although a batch step waits.
    const interactive = await limiter.acquire("interactive");
    expect(limiter.stats().inFlight).toEqual({ interactive: 1, batch: 3 });
    interactive();
    await tick();
    expect(fourth).toBe(false);
    batch[0]();
    await tick();
    expect(fourth).toBe(true);
  });

  it("a waiter whose signal aborts leaves the queue with an AbortError", async () => {
    const limiter = createUpstreamLimiter({ limit: 1, interactiveReserve: 0 });
    const held = await limiter.acquire("batch");
    const controller = new AbortController();
    const waiting = limiter.acquire("batch", controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(limiter.stats().waiting.batch).toBe(0);
    held();
    expect(limiter.stats().inFlight.batch).toBe(0);
  });

  it("a release counts once, and a wider limit admits waiters at once", async () => {
    const limiter = createUpstreamLimiter({ limit: 1, interactiveReserve: 0 });
    const release = await limiter.acquire("interactive");
    release();
    release();
    expect(limiter.stats().inFlight.interactive).toBe(0);
    const a = await limiter.acquire("batch");
    let b = false;
    void limiter.acquire("batch").then(() => (b = true));
    limiter.configure({ limit: 2, interactiveReserve: 0 });
    await tick();
    expect(b).toBe(true);
    a();
  });

  it("reads INFERENCE_MAX_CONCURRENCY, with an eighth kept for people", () => {
    expect(limiterOptionsFor(parseStudioConfig({}))).toEqual({ limit: 32, interactiveReserve: 4 });
    expect(limiterOptionsFor(parseStudioConfig({ INFERENCE_MAX_CONCURRENCY: "8" }))).toEqual({ limit: 8, interactiveReserve: 1 });
    expect(defaultInteractiveReserve(1)).toBe(0);
    expect(() => readInferenceConfig({ INFERENCE_MAX_CONCURRENCY: "lots" })).toThrow(/INFERENCE_MAX_CONCURRENCY/);
  });

  it("runStep waits for a slot in its config's lane", async () => {
    const limiter = upstreamLimiter();
    const before = limiter.stats();
    limiter.configure({ limit: 1, interactiveReserve: 0 });
    try {
      const held = await limiter.acquire("interactive");
      const config = { ...withInProcessEngine(readInferenceConfig({}), { tokensPerSecond: 0 }), priority: "batch" as const };
      let done = false;
      const step = runStep(config, { role: "generate", prompt: "a red kite" }, { onDelta: () => {} }, new AbortController().signal).then((r) => {
        done = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(done).toBe(false);
      expect(limiter.stats().waiting.batch).toBe(1);
      held();
      expect((await step).ok).toBe(true);
    } finally {
      limiter.configure({ limit: before.limit, interactiveReserve: before.limit - before.batchLimit });
    }
  });
});
