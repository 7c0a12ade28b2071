/**
 * How candidate events change a loop state. loop-reducer.ts hands these events over (and the
 * round events inside them, which it applies to the one candidate as if it were the only round);
 * everything about candidates stays here.
 */
import type { Candidate } from "./candidate-schema";
import { candidateVerdict, chooseCandidate, newCandidate, roundFromCandidate } from "./candidates";
import type { LoopState, Round, StepName } from "./loop-types";

/** The round events a candidate goes through, as loop-reducer.ts defines them. */
export type CandidateRoundEvent =
  | { type: "generationStarted"; roundId: string }
  | { type: "generationDelta"; roundId: string; text: string }
  | { type: "generationEnded"; roundId: string; meta: NonNullable<Round["generation"]> }
  | { type: "rendered"; roundId: string; png: string; match?: Round["match"] }
  | { type: "critiqueStarted"; roundId: string; final: boolean }
  | { type: "critiqueDelta"; roundId: string; text: string }
  | { type: "critiqueEnded"; roundId: string; meta: NonNullable<Round["critiqueMeta"]> }
  | { type: "stepFailed"; roundId: string; step: StepName; code: NonNullable<Round["error"]>["code"]; message: string }
  | { type: "stepStopped"; roundId: string; step: StepName };

export type CandidateEvent =
  /** The draft step begins: one candidate per seed. */
  | { type: "candidatesStarted"; seeds: number[] }
  /** Candidates kept from another session (Continue from this, after the loop went on). */
  | { type: "candidatesLoaded"; candidates: Candidate[] }
  /** A step of one candidate. */
  | { type: "candidateStep"; candidate: number; event: CandidateRoundEvent }
  /** The person's pick, before the draft step has chosen (it wins if that candidate turns out valid). */
  | { type: "candidatePicked"; candidate: number }
  /** Every candidate has settled (or the person continued from one): the chosen one becomes round 1. */
  | { type: "candidatesSettled" };

const CANDIDATE_EVENTS = new Set<string>(["candidatesStarted", "candidatesLoaded", "candidateStep", "candidatePicked", "candidatesSettled"]);

export function isCandidateEvent(event: { type: string }): event is CandidateEvent {
  return CANDIDATE_EVENTS.has(event.type);
}

type RoundReducer = (state: LoopState, event: CandidateRoundEvent) => LoopState;

function stopped(c: Candidate): Candidate {
  const step = c.phase === "generating" ? "generate" : c.phase === "rendering" ? "render" : c.phase === "critiquing" ? "critique" : null;
  return step ? { ...c, phase: "stopped", stoppedStep: step } : c;
}

/** Candidates with every unfinished one marked stopped at its step (what a Stop leaves). */
export function stopUnfinishedCandidates(state: LoopState): LoopState {
  if (!state.candidates?.some((c) => candidateVerdict(c) === "pending")) return state;
  return { ...state, candidates: state.candidates.map(stopped) };
}

/**
 * Retry with no round yet (no candidate could be used, or the draft step was stopped): the
 * candidates that failed or stopped start again at the step they were in.
 */
export function retryCandidates(state: LoopState, retryRound: (round: Round) => Round): LoopState {
  if (state.rounds.length > 0 || !state.candidates?.length) return state;
  return {
    ...state,
    candidates: state.candidates.map((c) => (c.phase === "failed" || c.phase === "stopped" ? { ...(retryRound(c) as Candidate), seed: c.seed } : c)),
  };
}

export function candidatesReducer(state: LoopState, event: CandidateEvent, reduceRound: RoundReducer): LoopState {
  switch (event.type) {
    case "candidatesStarted":
      return { ...state, candidates: event.seeds.map((seed, i) => newCandidate(i + 1, seed)), pickedCandidate: null };
    case "candidatesLoaded":
      return { ...state, candidates: event.candidates.map(stopped), pickedCandidate: null };
    case "candidateStep": {
      const candidate = state.candidates?.find((c) => c.candidate === event.candidate);
      if (!candidate) return state;
      // The candidate as the session's only round: the round events apply to it unchanged.
      const next = reduceRound({ ...state, rounds: [candidate], status: "running" }, event.event).rounds[0];
      if (next === candidate) return state;
      const updated: Candidate = { ...next, candidate: candidate.candidate, seed: candidate.seed };
      return { ...state, candidates: state.candidates!.map((c) => (c === candidate ? updated : c)) };
    }
    case "candidatePicked":
      return state.rounds.length === 0 ? { ...state, pickedCandidate: event.candidate } : state;
    case "candidatesSettled": {
      if (state.rounds.length > 0 || !state.candidates?.length) return state;
      const settled = stopUnfinishedCandidates(state);
      const chosen = chooseCandidate(settled.candidates!, state.pickedCandidate);
      if (!chosen) return { ...settled, status: "failed", pauseRequested: false };
      return { ...settled, rounds: [roundFromCandidate(chosen)] };
    }
  }
}
