/**
 * Several candidates per prompt (settings.candidates > 1): the draft step asks the generator N
 * times at once, each with a seed of its own, and renders and critiques each (run-candidates.ts).
 * This module holds what is pure about them: their ids, which of them may be chosen and which is,
 * and how their events change a loop state (kept apart from loop-reducer.ts, which only hands
 * them over). A candidate is a round in all but its place: the same events move it through the
 * same phases, applied to it alone.
 */
import { pickBest } from "./best-round";
import type { Candidate } from "./candidate-schema";
import { SEED_MAX } from "./loop-limits";
import type { LoopSettings, LoopState, Round } from "./loop-types";
import { roundIdOf } from "./round-id";
import { isBlankSvg } from "../svg/blank-svg";

export type { Candidate };

export function candidateIdOf(n: number): string {
  return `candidate-${n}`;
}

/** How many drafts the draft step asks for at once. */
export function candidateCount(settings: Pick<LoopSettings, "candidates">): number {
  return settings.candidates ?? 1;
}

/** A candidate entry (not round 1, which may carry the number of the candidate it was chosen from). */
export function isCandidateEntry(round: Round): boolean {
  return round.candidate != null && round.id === candidateIdOf(round.candidate);
}

export type CandidateVerdict = "pending" | "valid" | "truncated" | "invalid" | "blank" | "failed" | "stopped";

/** What a candidate amounts to: only a "valid" one may be chosen. */
export function candidateVerdict(c: Round): CandidateVerdict {
  if (c.phase === "generating" || c.phase === "rendering" || c.phase === "critiquing") return "pending";
  if (c.phase === "stopped") return "stopped";
  if (c.truncated) return "truncated";
  if (c.phase === "failed") {
    // No SVG in the answer, or one the renderer could not read: not a drawing at all.
    if (c.error?.code === "no_svg" || c.error?.step === "render") return "invalid";
    return "failed";
  }
  if (!c.svg) return "invalid";
  if (isBlankSvg(c.svg)) return "blank";
  return "valid";
}

export const VERDICT_LABEL: Record<CandidateVerdict, string> = {
  pending: "In progress",
  valid: "Valid",
  truncated: "Truncated",
  invalid: "Invalid SVG",
  blank: "Blank",
  failed: "Failed",
  stopped: "Stopped",
};

/**
 * The candidate the loop goes on from: the person's pick when it is valid, else the best-scoring
 * valid one (the lowest number on a tie; unscored ones, as a profile without a critic leaves
 * them, only when none is scored). Invalid, truncated, blank, failed and unfinished ones never.
 */
export function chooseCandidate(candidates: readonly Candidate[], picked: number | null | undefined): Candidate | null {
  const valid = candidates.filter((c) => candidateVerdict(c) === "valid");
  const pick = picked == null ? undefined : valid.find((c) => c.candidate === picked);
  if (pick) return pick;
  const ordered = [...valid].sort((a, b) => a.candidate - b.candidate);
  const best = pickBest(ordered.map((c) => ({ index: c.candidate, score: c.critique?.score ?? null, c })));
  return best?.c ?? ordered[0] ?? null;
}

/** The chosen candidate as round 1 of its session. */
export function roundFromCandidate(c: Candidate): Round {
  const { seed, ...round } = c;
  void seed; // the seed stays with the candidate; round 1 names the candidate instead
  return { ...round, id: roundIdOf(1), index: 1, kind: "draft", sourceIndex: null };
}

/** Distinct seeds for `n` candidates, from one random start (the runner's, never the reducer's). */
export function candidateSeeds(n: number, random: () => number = Math.random): number[] {
  const start = Math.floor(random() * (SEED_MAX - 16));
  return Array.from({ length: n }, (_, i) => start + i);
}

export function newCandidate(n: number, seed: number): Candidate {
  return {
    id: candidateIdOf(n),
    index: 1,
    kind: "draft",
    sourceIndex: null,
    phase: "generating",
    modelText: "",
    svg: null,
    truncated: null,
    generation: null,
    png: null,
    critiqueText: "",
    critique: null,
    finalCritique: false,
    critiqueMeta: null,
    error: null,
    stoppedStep: null,
    notes: null,
    match: null,
    candidate: n,
    seed,
  };
}

/** What "Continue from this" on candidate `n` does now, for the button's state and title. */
export function continueAvailability(
  state: Pick<LoopState, "rounds" | "candidates" | "status" | "pickedCandidate">,
  n: number,
): { enabled: boolean; reason: string; chosen: boolean } {
  const candidate = state.candidates?.find((c) => c.candidate === n);
  const chosen = state.rounds[0]?.candidate === n;
  if (!candidate) return { enabled: false, reason: "No such candidate.", chosen };
  const verdict = candidateVerdict(candidate);
  if (verdict === "pending") {
    return state.status === "running" && state.rounds.length === 0
      ? { enabled: true, reason: `Continue from candidate ${n} once the candidates are done (if it turns out valid).`, chosen }
      : { enabled: false, reason: `Candidate ${n} has not finished.`, chosen };
  }
  if (verdict !== "valid") return { enabled: false, reason: `Candidate ${n} cannot be continued from: ${VERDICT_LABEL[verdict].toLowerCase()}.`, chosen };
  if (state.rounds.length === 0) return { enabled: true, reason: `Continue the loop from candidate ${n}.`, chosen };
  if (chosen) return { enabled: false, reason: `The loop already continues from candidate ${n}.`, chosen };
  return { enabled: true, reason: `Fork: a new session that continues from candidate ${n} (this one stays as it is).`, chosen };
}
