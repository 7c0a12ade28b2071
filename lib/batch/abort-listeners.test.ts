/**
 * A batch leaves no abort listener behind: not one per item in flight on the run's signal (Node
 * printed MaxListenersExceededWarning past 10 items in flight), and not one per step on an
 * item's signal (each step's fetch is given a signal of its own).
 */
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startPacedUpstream, type PacedUpstream } from "../../test/support/paced-upstream";
import { fakeModel, fakeRasterize, recordingSessions } from "../../test/support/loop-ports";
import type { ModelPort } from "../loop/loop-ports";
import { DEFAULT_SETTINGS } from "../loop/loop-types";
import { readInferenceConfig } from "../steps/config";
import { createNodeModelPort } from "../steps/node-model-port";
import { clearModelCache } from "../steps/upstream-models";
import { runBatch, type BatchItemStore } from "./batch-runner";
import type { PromptRow } from "../contract/prompts-csv";

function memoryStore(): BatchItemStore {
  return {
    sessions: recordingSessions().port,
    open: async (item, settings) => ({
      loop: { id: item.id, prompt: item.desc, settings, rounds: [], status: "idle", extraRefinements: 0 },
      elapsedMs: 0,
      transientFailure: false,
    }),
    finish: async () => {},
  };
}

/** The fake model, each step taking a few milliseconds so that every item is in flight at once. */
function slowModel(onStep: () => void): ModelPort {
  const fast = fakeModel(9.8);
  const wait = () => new Promise((r) => setTimeout(r, 5));
  return {
    generate: async (input, handlers, signal) => (onStep(), await wait(), fast.generate(input, handlers, signal)),
    refine: async (input, handlers, signal) => (onStep(), await wait(), fast.refine(input, handlers, signal)),
    critique: async (input, handlers, signal) => (onStep(), await wait(), fast.critique(input, handlers, signal)),
  };
}

const rows = (n: number): PromptRow[] => Array.from({ length: n }, (_, i) => ({ id: `i${i}`, desc: `icon ${i}` }));

let upstream: PacedUpstream | null = null;
afterEach(async () => {
  await upstream?.close();
  upstream = null;
});

describe("abort listeners", () => {
  it("puts one listener on the run's signal however many items are in flight, and none is left after", async () => {
    const controller = new AbortController();
    const counts: number[] = [];
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const result = await runBatch({
        items: rows(24),
        settings: { ...DEFAULT_SETTINGS, mode: "reference" },
        concurrency: 24,
        model: slowModel(() => counts.push(getEventListeners(controller.signal, "abort").length)),
        rasterize: fakeRasterize,
        store: memoryStore(),
        signal: controller.signal,
      });
      expect(result.outcomes).toHaveLength(24);
      expect(result.outcomes.every((o) => o.status === "done")).toBe(true);
    } finally {
      process.off("warning", onWarning);
    }
    // 24 items × 8 steps, all with the run's signal holding a single listener.
    expect(counts).toHaveLength(24 * 8);
    expect(Math.max(...counts)).toBe(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("still stops every item in flight when the run's signal aborts", async () => {
    const controller = new AbortController();
    let steps = 0;
    const result = await runBatch({
      items: rows(12),
      settings: DEFAULT_SETTINGS,
      concurrency: 12,
      model: slowModel(() => {
        if (++steps === 12) controller.abort();
      }),
      rasterize: fakeRasterize,
      store: memoryStore(),
      signal: controller.signal,
    });
    expect(result.interrupted).toBe(true);
    expect(result.outcomes.filter((o) => o.status === "stopped").length).toBeGreaterThan(0);
    expect(result.outcomes.every((o) => o.status !== "done")).toBe(true);
  });

  it("leaves no listener per step on the signal a step is given (real HTTP steps)", async () => {
    clearModelCache();
    upstream = await startPacedUpstream({ ttftMs: 1, chunkMs: 1, chunkChars: 400 });
    const port = createNodeModelPort({ ...readInferenceConfig({ INFERENCE_BASE_URL: upstream.baseURL }), priority: "batch" });
    const signal = new AbortController().signal;
    for (let i = 0; i < 12; i++) {
      const result = await port.generate({ prompt: `a red kite ${i}` }, { onDelta: () => {} }, signal);
      expect(result.ok).toBe(true);
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});
