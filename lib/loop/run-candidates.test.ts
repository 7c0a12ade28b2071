import { describe, expect, it } from "vitest";
import type { ModelPort, StepResult } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { createRunController } from "./run-controller";
import { selectBestRound } from "./loop-selectors";
import { META, svgOf } from "../../test/support/loop-builders";
import { deferred, fakeRasterize, flush, recordingSessions, untilAborted } from "../../test/support/loop-ports";

const SETTINGS: LoopSettings = { mode: "paper", maxRefinements: 1, threshold: 9.5, candidates: 4 };
const OK: StepResult = { ok: true, meta: META };

function harness(model: ModelPort, sessions = recordingSessions()) {
  let state: LoopState = INITIAL_LOOP_STATE;
  const controller = createRunController({
    model,
    rasterize: fakeRasterize,
    sessions: { ...sessions.port, saveCandidate: async (id, c) => void sessions.log.push(`${id} ${c.id}:${c.phase}`) },
    getState: () => state,
    apply: (event: LoopEvent) => (state = loopReducer(state, event)),
  });
  return { controller, state: () => state, log: sessions.log };
}

/** Scores: candidate k (by the seed's order) scores scores[k]; "truncated" streams an unclosed SVG. */
function candidateModel(scores: Array<number | "truncated">) {
  const seeds: number[] = [];
  let inFlight = 0;
  let peak = 0;
  const order = new Map<number, number>();
  const model: ModelPort = {
    generate: async ({ seed }, { onDelta }) => {
      seeds.push(seed!);
      order.set(seed!, order.size);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await flush();
      inFlight--;
      const k = order.get(seed!)!;
      onDelta(scores[k] === "truncated" ? "<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0'" : svgOf(k + 1));
      return OK;
    },
    refine: async (_i, { onDelta }) => (onDelta(svgOf(9)), OK),
    critique: async (_input, { onDelta }) => {
      // The valid candidates are critiqued in order (their drafts end in the same tick, in order).
      const k = critiqueCalls++;
      onDelta(JSON.stringify({ score: criticScores[k] ?? 5, critique: "c", suggestions: "s" }));
      return OK;
    },
  };
  let critiqueCalls = 0;
  const criticScores = scores.filter((s): s is number => s !== "truncated");
  return { model, seeds, peak: () => peak };
}

describe("the draft step with candidates", () => {
  it("asks for all N drafts at once, with distinct seeds, and goes on from the best valid one", async () => {
    const { model, seeds, peak } = candidateModel([6, "truncated", 8, 7]);
    const h = harness(model);
    await h.controller.start("a kite", SETTINGS);
    await h.controller.saved();
    expect(seeds).toHaveLength(4);
    expect(new Set(seeds).size).toBe(4);
    expect(peak()).toBe(4);
    const state = h.state();
    expect(state.candidates?.map((c) => c.phase)).toEqual(["done", "failed", "done", "done"]);
    expect(state.rounds[0].candidate).toBe(3);
    expect(state.rounds[1]).toMatchObject({ kind: "refine", sourceIndex: 1 });
    // Every candidate is stored as its steps end, and round 1 as soon as it is chosen.
    expect(h.log).toContain("S1 candidate-2:failed");
    expect(h.log).toContain("S1 candidate-4:done");
    expect(h.log.indexOf("S1 round-1:done")).toBeGreaterThan(h.log.indexOf("S1 candidate-4:done"));
  });

  it("Stop aborts every request in flight and leaves every candidate stopped, resumable by Retry", async () => {
    const signals: AbortSignal[] = [];
    const waiting = deferred<void>();
    const model: ModelPort = {
      generate: (_input, _h, signal) => {
        signals.push(signal);
        if (signals.length === 4) waiting.resolve();
        return untilAborted(signal);
      },
      refine: async () => OK,
      critique: async () => OK,
    };
    const h = harness(model);
    void h.controller.start("a kite", SETTINGS);
    await waiting.promise;
    await h.controller.stop();
    expect(signals.map((s) => s.aborted)).toEqual([true, true, true, true]);
    expect(h.state().status).toBe("stopped");
    expect(h.state().candidates?.map((c) => c.phase)).toEqual(["stopped", "stopped", "stopped", "stopped"]);
    await h.controller.saved();
    expect(h.log.filter((l) => /candidate-\d:stopped/.test(l))).toHaveLength(4);
  });

  it("the person's pick while the candidates run wins over the best score", async () => {
    const gate = deferred<void>();
    const model: ModelPort = {
      generate: async ({ seed }, { onDelta }) => {
        await gate.promise;
        onDelta(svgOf((seed! % 4) + 1));
        return OK;
      },
      refine: async (_i, { onDelta }) => (onDelta(svgOf(9)), OK),
      critique: async (_i, { onDelta }) => (onDelta(JSON.stringify({ score: 9, critique: "c", suggestions: "s" })), OK),
    };
    const h = harness(model);
    const run = h.controller.start("a kite", { ...SETTINGS, maxRefinements: 0 });
    await flush();
    void h.controller.continueFromCandidate(3);
    gate.resolve();
    await run;
    expect(h.state().rounds[0].candidate).toBe(3);
    expect(h.state().status).toBe("done");
  });

  it("Continue from this after the loop went on forks a new session from that candidate", async () => {
    const { model } = candidateModel([6, 9, 8, 7]);
    let created = 0;
    const sessions = recordingSessions({ create: async () => `S${++created}` });
    const h = harness(model, sessions);
    await h.controller.start("a kite", SETTINGS);
    expect(h.state().rounds[0].candidate).toBe(2);
    await h.controller.continueFromCandidate(4);
    await h.controller.saved();
    const state = h.state();
    expect(state.rounds[0].candidate).toBe(4);
    expect(state.candidates).toHaveLength(4);
    expect(state.rounds[1]).toMatchObject({ kind: "refine", sourceIndex: 1 });
    expect(h.log).toContain("S2 candidate-1:done");
    expect(h.log).toContain("S2 round-1:done");
    expect(selectBestRound(state)).not.toBeNull();
  });

  it("a pick on a stopped draft step chooses now and continues", async () => {
    const { model } = candidateModel([6, 9, 8, 7]);
    const h = harness(model);
    await h.controller.start("a kite", { ...SETTINGS, maxRefinements: 0 });
    // Rebuild a stopped draft step from the finished one.
    const candidates = h.state().candidates!;
    h.controller.load({
      id: "S1",
      prompt: "a kite",
      settings: { ...SETTINGS, maxRefinements: 0 },
      rounds: [],
      status: "stopped",
      extraRefinements: 0,
      candidates,
    });
    await h.controller.continueFromCandidate(1);
    expect(h.state().rounds[0].candidate).toBe(1);
    expect(h.state().status).toBe("done");
  });
});
