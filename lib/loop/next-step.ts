/**
 * What the loop does next, as a function of its state alone. Because the state decides,
 * Retry, Resume and a reopened session all continue the same way: nothing is remembered
 * outside the state.
 */
import type { LoopState, Round } from "./loop-types";
import { REFERENCE_REFINEMENTS } from "./loop-types";
import { candidateCount } from "./candidates";

export type NextStep =
  | { type: "generate"; kind: "draft" | "refine"; source: Round | null }
  /** The draft step with several candidates at once (run-candidates.ts); round 1 is the one chosen. */
  | { type: "candidates" }
  | { type: "continueGeneration"; round: Round }
  | { type: "render"; round: Round }
  | { type: "critique"; round: Round; final: boolean }
  | { type: "blocked"; round: Round }
  | { type: "finish"; reason: "threshold" | "rounds" };

/** Refinement rounds allowed in this session (hand edits and notes rounds do not spend the budget). */
export function refinementBudget(state: LoopState): number {
  const base = state.settings.mode === "reference" ? REFERENCE_REFINEMENTS : state.settings.maxRefinements;
  return base + state.extraRefinements;
}

export function refinementsSpent(state: LoopState): number {
  return state.rounds.filter((r) => r.kind === "refine").length;
}

function isLastPlannedRound(state: LoopState): boolean {
  return refinementsSpent(state) >= refinementBudget(state);
}

export function nextStep(state: LoopState): NextStep {
  const last = state.rounds[state.rounds.length - 1];
  if (!last) return candidateCount(state.settings) > 1 || state.candidates?.length ? { type: "candidates" } : { type: "generate", kind: "draft", source: null };
  switch (last.phase) {
    case "generating":
      return { type: "continueGeneration", round: last };
    case "rendering":
      return { type: "render", round: last };
    case "critiquing":
      return {
        type: "critique",
        round: last,
        // Only the reference schedule critiques its last round at temperature 0.
        final: state.settings.mode === "reference" && last.kind === "refine" && isLastPlannedRound(state),
      };
    case "failed":
    case "stopped":
      return { type: "blocked", round: last };
    case "done": {
      // No critic, no score to refine from: a single pass (notes rounds end there too).
      if (state.settings.singlePass) return { type: "finish", reason: "rounds" };
      const score = last.critique?.score ?? 0;
      const asked = state.runsPastThreshold !== undefined && refinementsSpent(state) < state.runsPastThreshold;
      if (state.settings.mode === "paper" && score >= state.settings.threshold && !asked) return { type: "finish", reason: "threshold" };
      if (isLastPlannedRound(state)) return { type: "finish", reason: "rounds" };
      return { type: "generate", kind: "refine", source: last };
    }
  }
}

/**
 * The loop state once `more` rounds are asked for: the budget grows by them, and when the loop
 * had ended they are run from where it ended, even past a round that reached the threshold.
 */
export function withMoreRounds(state: LoopState, more: number): Pick<LoopState, "extraRefinements" | "runsPastThreshold"> {
  if (more <= 0) return { extraRefinements: state.extraRefinements, runsPastThreshold: state.runsPastThreshold };
  if (state.status !== "done") return { extraRefinements: state.extraRefinements + more, runsPastThreshold: state.runsPastThreshold };
  const target = refinementsSpent(state) + more;
  return {
    extraRefinements: state.extraRefinements + Math.max(0, target - refinementBudget(state)),
    runsPastThreshold: target,
  };
}
