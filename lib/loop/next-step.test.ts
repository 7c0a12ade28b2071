import { describe, expect, it } from "vitest";
import { nextStep, refinementBudget, refinementsSpent, withMoreRounds } from "./next-step";
import { INITIAL_LOOP_STATE, REFERENCE_REFINEMENTS, type LoopState } from "./loop-types";
import { makeRound, stateWithScores } from "../../test/support/loop-builders";

describe("nextStep", () => {
  it("starts with a draft", () => {
    expect(nextStep({ ...INITIAL_LOOP_STATE, status: "running" })).toEqual({ type: "generate", kind: "draft", source: null });
  });

  it("follows the phase of the last round", () => {
    const base = stateWithScores([5]);
    const at = (phase: "generating" | "rendering" | "critiquing" | "failed") => {
      const round = makeRound(2, { phase, critique: null });
      return { state: { ...base, rounds: [...base.rounds, round] }, round };
    };
    let s = at("generating");
    expect(nextStep(s.state)).toEqual({ type: "continueGeneration", round: s.round });
    s = at("rendering");
    expect(nextStep(s.state)).toEqual({ type: "render", round: s.round });
    s = at("critiquing");
    expect(nextStep(s.state)).toEqual({ type: "critique", round: s.round, final: false });
    s = at("failed");
    expect(nextStep(s.state)).toEqual({ type: "blocked", round: s.round });
  });

  it("paper mode: finishes when the score reaches the threshold (≥, not >)", () => {
    expect(nextStep(stateWithScores([9.5]))).toEqual({ type: "finish", reason: "threshold" });
    expect(nextStep(stateWithScores([3, 9.7]))).toEqual({ type: "finish", reason: "threshold" });
    const below = stateWithScores([9.49]);
    expect(nextStep(below)).toEqual({ type: "generate", kind: "refine", source: below.rounds[0] });
    expect(nextStep(stateWithScores([8], { threshold: 8 }))).toEqual({ type: "finish", reason: "threshold" });
  });

  it("paper mode: refines the last done round until maxRefinements refinements are spent", () => {
    const two = stateWithScores([1, 2], { maxRefinements: 2 });
    expect(nextStep(two)).toEqual({ type: "generate", kind: "refine", source: two.rounds[1] });
    expect(nextStep(stateWithScores([1, 2, 3], { maxRefinements: 2 }))).toEqual({ type: "finish", reason: "rounds" });
    expect(nextStep(stateWithScores([1], { maxRefinements: 0 }))).toEqual({ type: "finish", reason: "rounds" });
  });

  it("reference mode: ignores the threshold and runs exactly 3 refinements", () => {
    expect(REFERENCE_REFINEMENTS).toBe(3);
    const high = stateWithScores([10], { mode: "reference", maxRefinements: 1 });
    expect(nextStep(high)).toMatchObject({ type: "generate", kind: "refine" });
    expect(nextStep(stateWithScores([10, 10, 10, 10], { mode: "reference", maxRefinements: 10 }))).toEqual({ type: "finish", reason: "rounds" });
    expect(nextStep(stateWithScores([10, 10, 10], { mode: "reference" }))).toMatchObject({ type: "generate", kind: "refine" });
  });

  it("reference mode: only the last planned refinement's critique is final", () => {
    const critiquing = (n: number, mode: "reference" | "paper") => {
      const s = stateWithScores(
        Array.from({ length: n - 1 }, () => 5),
        { mode },
      );
      return { ...s, rounds: [...s.rounds, makeRound(n, { phase: "critiquing", critique: null })] };
    };
    expect([1, 2, 3, 4].map((n) => (nextStep(critiquing(n, "reference")) as { final: boolean }).final)).toEqual([false, false, false, true]);
    expect([1, 2, 3, 4].map((n) => (nextStep(critiquing(n, "paper")) as { final: boolean }).final)).toEqual([false, false, false, false]);
  });

  it("edits do not spend the refinement budget; extra refinements extend it", () => {
    const s = stateWithScores([4, 5], { maxRefinements: 1 });
    const withEdit = { ...s, rounds: [...s.rounds, makeRound(3, { kind: "edit", sourceIndex: 2 })] };
    expect(refinementsSpent(withEdit)).toBe(1);
    expect(nextStep(withEdit)).toEqual({ type: "finish", reason: "rounds" });
    const extended = { ...withEdit, extraRefinements: 1 };
    expect(refinementBudget(extended)).toBe(2);
    expect(nextStep(extended)).toEqual({ type: "generate", kind: "refine", source: extended.rounds[2] });
  });
});

describe("more rounds asked for after the end", () => {
  const passing = (index: number, kind: "draft" | "refine") => makeRound(index, { kind, critique: { score: 9.8, critique: "c", suggestions: "s" } });

  it("run past a round that reached the threshold, counted from where the loop ended", () => {
    const ended: LoopState = { ...INITIAL_LOOP_STATE, prompt: "p", status: "done", rounds: [passing(1, "draft")] };
    expect(nextStep({ ...ended, status: "running" })).toMatchObject({ type: "finish", reason: "threshold" });
    const granted = { ...ended, ...withMoreRounds(ended, 2), status: "running" as const };
    // The budget of 3 already covers 2 more: it is not raised, but the threshold waits for them.
    expect(granted).toMatchObject({ extraRefinements: 0, runsPastThreshold: 2 });
    expect(nextStep(granted)).toMatchObject({ type: "generate", kind: "refine" });
    const twoMore = { ...granted, rounds: [passing(1, "draft"), passing(2, "refine"), passing(3, "refine")] };
    expect(nextStep(twoMore)).toMatchObject({ type: "finish", reason: "threshold" });
  });

  it("extend the budget when the loop ended with its rounds spent; a paused loop just gets more", () => {
    const spent: LoopState = {
      ...INITIAL_LOOP_STATE,
      settings: { ...INITIAL_LOOP_STATE.settings, maxRefinements: 1 },
      status: "done",
      rounds: [makeRound(1, { kind: "draft" }), makeRound(2, { kind: "refine" })],
    };
    expect(withMoreRounds(spent, 2)).toEqual({ extraRefinements: 2, runsPastThreshold: 3 });
    expect(withMoreRounds({ ...spent, status: "paused" }, 2)).toEqual({ extraRefinements: 2, runsPastThreshold: undefined });
    expect(withMoreRounds(spent, 0)).toEqual({ extraRefinements: 0, runsPastThreshold: undefined });
  });
});
