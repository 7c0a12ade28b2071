import { describe, expect, it } from "vitest";
import type { MeasurePort, ModelPort, StepResult } from "./loop-ports";
import { loopReducer, type LoopEvent } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopSettings, type LoopState } from "./loop-types";
import { selectBestRound, selectBestRule } from "./loop-selectors";
import { runLoop } from "./run-loop";
import { META, pngOf, svgOf } from "../../test/support/loop-builders";

const TARGET = { png: pngOf(7), name: "kite.png", width: 300, height: 200 };

/** A model whose drafts and refinements are round n's SVG; the critic (when asked) scores `scores`. */
function fakeModel(scores: number[] = []) {
  const calls: { kind: string; image?: string }[] = [];
  let generations = 0;
  let critiques = 0;
  const answer = (text: string, handlers: { onDelta: (t: string) => void }): StepResult => {
    handlers.onDelta(text);
    return { ok: true, meta: META };
  };
  const model: ModelPort = {
    generate: async (input, handlers) => (calls.push({ kind: "generate", image: input.image }), answer(svgOf(++generations), handlers)),
    refine: async (input, handlers) => (calls.push({ kind: "refine", image: input.image }), answer(svgOf(++generations), handlers)),
    critique: async (_input, handlers) => {
      calls.push({ kind: "critique" });
      const score = scores[critiques++];
      return answer(JSON.stringify({ score, critique: "ok", suggestions: "1. Closer to the picture." }), handlers);
    },
  };
  return { model, calls };
}

async function run(settings: LoopSettings, model: ModelPort, measure?: MeasurePort): Promise<LoopState> {
  let state: LoopState = INITIAL_LOOP_STATE;
  const dispatch = (event: LoopEvent) => (state = loopReducer(state, event));
  dispatch({ type: "started", prompt: "a kite", settings });
  let n = 0;
  await runLoop({ getState: () => state, dispatch, model, rasterize: async () => pngOf(++n), measure, signal: new AbortController().signal });
  return state;
}

describe("an image session", () => {
  it("sends the target with the draft and every refinement, and measures every rendered round", async () => {
    const { model, calls } = fakeModel([5, 6, 7, 8]);
    const state = await run({ mode: "paper", maxRefinements: 2, threshold: 9.5, target: TARGET }, model, async () => ({ ssim: 0.8, psnr: 21 }));
    expect(calls.filter((c) => c.kind !== "critique").map((c) => [c.kind, c.image])).toEqual([
      ["generate", TARGET.png],
      ["refine", TARGET.png],
      ["refine", TARGET.png],
    ]);
    expect(state.rounds.map((r) => r.match)).toEqual([0, 1, 2].map(() => ({ ssim: 0.8, psnr: 21 })));
    // A critic judges: its score picks the best, whatever the match.
    expect(selectBestRule(state)).toBe("critic");
    expect(selectBestRound(state)?.index).toBe(3);
  });

  it("without a critic the best round is the closest match (SSIM)", async () => {
    let n = 0;
    const ssims = [0.6, 0.9];
    const { model } = fakeModel();
    const state = await run({ mode: "paper", maxRefinements: 0, threshold: 9.5, singlePass: true, target: TARGET }, model, async () => ({
      ssim: ssims[n++],
      psnr: 20,
    }));
    expect(state.rounds).toHaveLength(1);
    expect(state.rounds[0].match).toEqual({ ssim: 0.6, psnr: 20 });
    expect(selectBestRule(state)).toBe("ssim");
    expect(selectBestRound(state)?.index).toBe(1);
  });

  it("a match that cannot be measured leaves the round without one and the loop going", async () => {
    const { model } = fakeModel([9.6]);
    const state = await run({ mode: "paper", maxRefinements: 1, threshold: 9.5, target: TARGET }, model, async () => {
      throw new Error("no canvas");
    });
    expect(state.status).toBe("done");
    expect(state.rounds[0]).toMatchObject({ phase: "done", match: null });
  });

  it("a text session sends no image and measures nothing", async () => {
    const { model, calls } = fakeModel([9.6]);
    let asked = 0;
    const state = await run({ mode: "paper", maxRefinements: 1, threshold: 9.5 }, model, async () => (asked++, { ssim: 1, psnr: 100 }));
    expect(calls[0].image).toBeUndefined();
    expect(asked).toBe(0);
    expect(state.rounds[0].match).toBeNull();
  });
});
