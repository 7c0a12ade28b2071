import { describe, expect, it } from "vitest";
import { candidateSeeds, candidateVerdict, chooseCandidate, newCandidate, roundFromCandidate, type Candidate } from "./candidates";
import { loopReducer } from "./loop-reducer";
import { INITIAL_LOOP_STATE, type LoopState } from "./loop-types";
import { nextStep } from "./next-step";
import { roundTitle, roundName } from "./round-names";
import { critiqueOf, META, pngOf, svgOf } from "../../test/support/loop-builders";

function done(n: number, score: number | null, patch: Partial<Candidate> = {}): Candidate {
  return {
    ...newCandidate(n, 100 + n),
    phase: "done",
    modelText: svgOf(n),
    svg: svgOf(n),
    generation: META,
    png: pngOf(n),
    critique: score === null ? null : critiqueOf(n, score),
    critiqueMeta: score === null ? null : META,
    ...patch,
  };
}

const truncated = (n: number) =>
  done(n, null, { phase: "failed", svg: svgOf(n).slice(0, 60), truncated: "unclosed", error: { step: "generate", code: "truncated", message: "Truncated" } });
const noSvg = (n: number) => done(n, null, { phase: "failed", svg: null, error: { step: "generate", code: "no_svg", message: "no svg" } });
const blank = (n: number, score: number) =>
  done(n, score, { svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect width="200" height="200" fill="#ffffff"/></svg>` });
const renderFailed = (n: number) => done(n, null, { phase: "failed", png: null, error: { step: "render", code: "render_failed", message: "bad XML" } });

describe("choosing a candidate", () => {
  it("takes the best-scoring valid one", () => {
    expect(chooseCandidate([done(1, 6), done(2, 8.5), done(3, 7)], null)?.candidate).toBe(2);
  });

  it("skips invalid, truncated, blank, unrendered and unfinished ones, whatever their score", () => {
    const candidates = [truncated(1), noSvg(2), blank(3, 9.9), renderFailed(4), { ...newCandidate(5, 1) }, done(6, 4)];
    expect(candidates.map(candidateVerdict)).toEqual(["truncated", "invalid", "blank", "invalid", "pending", "valid"]);
    expect(chooseCandidate(candidates, null)?.candidate).toBe(6);
  });

  it("chooses none when none is valid", () => {
    expect(chooseCandidate([truncated(1), noSvg(2), blank(3, 2)], null)).toBeNull();
  });

  it("lets the person's pick win over a better score, unless the pick is not valid", () => {
    const candidates = [done(1, 9), done(2, 5), truncated(3)];
    expect(chooseCandidate(candidates, 2)?.candidate).toBe(2);
    expect(chooseCandidate(candidates, 3)?.candidate).toBe(1);
    expect(chooseCandidate(candidates, 7)?.candidate).toBe(1);
  });

  it("breaks a tie by the lowest number, and takes an unscored valid one only when none is scored", () => {
    expect(chooseCandidate([done(3, 7), done(2, 7), done(1, 6)], null)?.candidate).toBe(2);
    expect(chooseCandidate([done(2, null), done(1, null)], null)?.candidate).toBe(1);
    expect(chooseCandidate([done(1, null), done(2, 3)], null)?.candidate).toBe(2);
  });

  it("makes seeds that are all different", () => {
    const seeds = candidateSeeds(8, () => 0.5);
    expect(new Set(seeds).size).toBe(8);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
  });
});

describe("candidates in the loop state", () => {
  const started = (): LoopState =>
    loopReducer(
      loopReducer(INITIAL_LOOP_STATE, { type: "started", prompt: "a kite", settings: { mode: "paper", maxRefinements: 2, threshold: 9.5, candidates: 3 } }),
      {
        type: "candidatesStarted",
        seeds: [11, 12, 13],
      },
    );

  it("runs the draft step as candidates, and round events reach only their candidate", () => {
    expect(
      nextStep(
        loopReducer(INITIAL_LOOP_STATE, { type: "started", prompt: "a kite", settings: { mode: "paper", maxRefinements: 2, threshold: 9.5, candidates: 3 } }),
      ).type,
    ).toBe("candidates");
    let state = started();
    expect(state.candidates?.map((c) => [c.candidate, c.seed, c.phase])).toEqual([
      [1, 11, "generating"],
      [2, 12, "generating"],
      [3, 13, "generating"],
    ]);
    state = loopReducer(state, { type: "candidateStep", candidate: 2, event: { type: "generationDelta", roundId: "candidate-2", text: "<svg" } });
    expect(state.candidates?.map((c) => c.modelText)).toEqual(["", "<svg", ""]);
    expect(state.rounds).toEqual([]);
  });

  it("a truncated candidate fails alone: the loop keeps running", () => {
    let state = started();
    state = loopReducer(state, {
      type: "candidateStep",
      candidate: 1,
      event: { type: "generationDelta", roundId: "candidate-1", text: "<svg><path d='M0 0'/>" },
    });
    state = loopReducer(state, { type: "candidateStep", candidate: 1, event: { type: "generationEnded", roundId: "candidate-1", meta: META } });
    expect(state.candidates?.[0].phase).toBe("failed");
    expect(candidateVerdict(state.candidates![0])).toBe("truncated");
    expect(state.status).toBe("running");
  });

  it("settles into round 1 from the chosen candidate, keeping every candidate", () => {
    const state = { ...started(), candidates: [done(1, 5), done(2, 8), truncated(3)] };
    const settled = loopReducer(state, { type: "candidatesSettled" });
    expect(settled.rounds).toHaveLength(1);
    expect(settled.rounds[0]).toMatchObject({ id: "round-1", index: 1, kind: "draft", candidate: 2, svg: svgOf(2) });
    expect(settled.candidates).toHaveLength(3);
    expect(roundTitle(settled.rounds[0])).toBe("Round 1 · Candidate 2");
    expect(roundTitle(settled.candidates![2])).toBe("Candidate 3");
    expect(roundName(settled.rounds[0])).toBe("round 1 (Candidate 2)");
    expect(nextStep(settled).type).toBe("generate");
  });

  it("a pick made while the candidates run is the one chosen", () => {
    let state = loopReducer(started(), { type: "candidatePicked", candidate: 1 });
    state = { ...state, candidates: [done(1, 5), done(2, 8), done(3, 9)] };
    expect(loopReducer(state, { type: "candidatesSettled" }).rounds[0].candidate).toBe(1);
  });

  it("fails the loop when no candidate can be used, and Retry runs the failed ones again", () => {
    const failed = loopReducer({ ...started(), candidates: [truncated(1), noSvg(2), truncated(3)] }, { type: "candidatesSettled" });
    expect(failed.status).toBe("failed");
    expect(failed.rounds).toEqual([]);
    const retried = loopReducer(failed, { type: "retried" });
    expect(retried.status).toBe("running");
    expect(retried.candidates?.map((c) => c.phase)).toEqual(["generating", "generating", "generating"]);
    expect(retried.candidates?.map((c) => c.seed)).toEqual([101, 102, 103]);
    expect(nextStep(retried).type).toBe("candidates");
  });

  it("Stop marks every unfinished candidate stopped at its step", () => {
    const state = { ...started(), candidates: [done(1, 5), { ...newCandidate(2, 2), phase: "critiquing" as const }, newCandidate(3, 3)] };
    const stopped = loopReducer(state, { type: "stopped" });
    expect(stopped.candidates?.map((c) => [c.phase, c.stoppedStep])).toEqual([
      ["done", null],
      ["stopped", "critique"],
      ["stopped", "generate"],
    ]);
  });

  it("round 1 is made of the chosen candidate as stored, without its seed", () => {
    const round = roundFromCandidate(done(4, 7));
    expect(round).not.toHaveProperty("seed");
    expect(round.id).toBe("round-1");
  });
});

describe("an imported round", () => {
  it("is round 1 · Imported, rendered next, then critiqued and refined like any", () => {
    let state = loopReducer(INITIAL_LOOP_STATE, { type: "started", prompt: "a kite", settings: { mode: "paper", maxRefinements: 2, threshold: 9.5 } });
    state = loopReducer(state, { type: "imported", text: `<?xml version="1.0"?>\n${svgOf(1)}`, svg: svgOf(1) });
    expect(state.rounds[0]).toMatchObject({ index: 1, kind: "import", phase: "rendering", svg: svgOf(1) });
    expect(roundTitle(state.rounds[0])).toBe("Round 1 · Imported");
    expect(nextStep(state).type).toBe("render");
    state = loopReducer(state, { type: "rendered", roundId: "round-1", png: pngOf(1) });
    state = loopReducer(state, { type: "critiqueDelta", roundId: "round-1", text: JSON.stringify(critiqueOf(1, 4)) });
    state = loopReducer(state, { type: "critiqueEnded", roundId: "round-1", meta: META });
    expect(nextStep(state)).toMatchObject({ type: "generate", kind: "refine" });
  });
});
