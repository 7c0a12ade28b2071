import { describe, expect, it } from "vitest";
import { nextStep, refinementBudget, refinementsSpent } from "./next-step";
import { INITIAL_LOOP_STATE, REFERENCE_REFINEMENTS } from "./loop-types";
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
      const s = stateWithScores(Array.from({ length: n - 1 }, () => 5), { mode });
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
