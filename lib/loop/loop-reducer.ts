/**
 * The loop as a pure reducer: state + event → state. The runner (and later the editor, the
 * history) only ever change a session through these events, so every transition is testable
 * by asserting the state it leads to.
 */
import { parseCritique } from "../introsvg/critique-parser";
import { describeTruncation, extractSvg } from "../svg/extract-svg";
import type { ErrorCode } from "../http/errors";
import { roundIdOf } from "./round-id";
import type { ImageMatch, LoopSettings, LoopState, Round, RoundKind, StepMeta, StepName } from "./loop-types";
import { INITIAL_LOOP_STATE } from "./loop-types";
import { withMoreRounds } from "./next-step";
import { candidatesReducer, isCandidateEvent, retryCandidates, stopUnfinishedCandidates, type CandidateEvent } from "./candidates-reducer";

export type LoopEvent =
  | { type: "started"; prompt: string; settings: LoopSettings }
  | { type: "roundStarted"; kind: "draft" | "refine"; sourceIndex: number | null }
  | { type: "generationStarted"; roundId: string }
  | { type: "generationDelta"; roundId: string; text: string }
  | { type: "generationEnded"; roundId: string; meta: StepMeta }
  /** `match`: the render against the session's target picture, in an image session. */
  | { type: "rendered"; roundId: string; png: string; match?: ImageMatch | null }
  | { type: "critiqueStarted"; roundId: string; final: boolean }
  | { type: "critiqueDelta"; roundId: string; text: string }
  | { type: "critiqueEnded"; roundId: string; meta: StepMeta }
  | { type: "stepFailed"; roundId: string; step: StepName; code: ErrorCode; message: string }
  /** The step in flight was cut short by Stop: the round waits for a Retry, nothing failed. */
  | { type: "stepStopped"; roundId: string; step: StepName }
  | { type: "pauseRequested" }
  | { type: "paused" }
  | { type: "stopped" }
  | { type: "halted" }
  | { type: "finished" }
  | { type: "retried" }
  | { type: "resumed"; extraRefinements?: number }
  | { type: "editCommitted"; svg: string; sourceRoundId: string | null }
  /** The designer's notes on a round: a "notes" round refined from that round's SVG. */
  | { type: "notesCommitted"; notes: string; sourceRoundId: string }
  /** "Keep this round": the result stays this round (null: the best-scoring round again). */
  | { type: "roundKept"; index: number | null }
  /** The designer's own SVG as round 1 ("Imported"): `text` as read, `svg` the drawing checked and sanitized. */
  | { type: "imported"; text: string; svg: string }
  | { type: "loaded"; state: LoopState }
  | CandidateEvent;

function newRound(state: LoopState, kind: RoundKind, sourceIndex: number | null): Round {
  const index = state.rounds.length + 1;
  return {
    id: roundIdOf(index),
    index,
    kind,
    sourceIndex,
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
  };
}

function updateRound(state: LoopState, id: string, update: (round: Round) => Round): LoopState {
  let changed = false;
  const rounds = state.rounds.map((r) => {
    if (r.id !== id) return r;
    changed = true;
    return update(r);
  });
  return changed ? { ...state, rounds } : state;
}

function fail(round: Round, step: StepName, code: ErrorCode, message: string): Round {
  return { ...round, phase: "failed", error: { step, code, message } };
}

function stop(round: Round, step: StepName): Round {
  return { ...round, phase: "stopped", stoppedStep: step };
}

const STEP_OF_PHASE = { generating: "generate", rendering: "render", critiquing: "critique" } as const;

export function isUnfinished(round: Round): round is Round & { phase: keyof typeof STEP_OF_PHASE } {
  return round.phase in STEP_OF_PHASE;
}

/**
 * The rounds with the last one, if a step of it was cut short (or not yet begun), marked stopped
 * at that step: what a Stop leaves, and what a hand edit or notes round leaves behind it, so no
 * earlier round says "Rendering…" forever.
 */
function stopUnfinished(rounds: Round[]): Round[] {
  const last = rounds[rounds.length - 1];
  return last && isUnfinished(last) ? [...rounds.slice(0, -1), stop(last, STEP_OF_PHASE[last.phase])] : rounds;
}

/**
 * The state a stored session reopens in: a loop cut off mid-step (closed tab, killed server)
 * comes back paused so Resume continues it; one that ended on a failed round waits for Retry.
 */
export function reopenedState(state: LoopState): LoopState {
  const last = state.rounds[state.rounds.length - 1];
  let status = state.status;
  if (last?.phase === "failed") status = "failed";
  else if (last?.phase === "stopped") status = "stopped";
  else if (status === "running" || (last && isUnfinished(last))) status = "paused";
  return { ...state, status, pauseRequested: false };
}

/** A step that ended in a failed round (truncated SVG, unparsable critique) halts the loop. */
function failIfRoundFailed(state: LoopState, roundId: string): LoopState {
  const round = state.rounds.find((r) => r.id === roundId);
  return round?.phase === "failed" ? { ...state, status: "failed", pauseRequested: false } : state;
}

/** Where a Retry of a failed or stopped round starts again. */
function retryRound(round: Round): Round {
  const step = round.error?.step ?? round.stoppedStep;
  if (!step) return round;
  const base = { ...round, error: null, stoppedStep: null };
  switch (step) {
    case "generate":
      return { ...base, phase: "generating", modelText: "", svg: null, truncated: null, generation: null };
    case "render":
      return { ...base, phase: "rendering", png: null, match: null };
    case "critique":
      return { ...base, phase: "critiquing", critiqueText: "", critique: null, critiqueMeta: null };
  }
}

export function loopReducer(state: LoopState, event: LoopEvent): LoopState {
  if (isCandidateEvent(event)) return candidatesReducer(state, event, loopReducer);
  switch (event.type) {
    case "started":
      return { ...INITIAL_LOOP_STATE, prompt: event.prompt, settings: event.settings, status: "running" };
    case "roundStarted":
      return { ...state, rounds: [...state.rounds, newRound(state, event.kind, event.sourceIndex)] };
    case "generationStarted":
      return updateRound(state, event.roundId, (r) => ({ ...r, modelText: "", svg: null, truncated: null, generation: null }));
    case "generationDelta":
      return updateRound(state, event.roundId, (r) => ({ ...r, modelText: r.modelText + event.text }));
    case "generationEnded":
      return failIfRoundFailed(
        updateRound(state, event.roundId, (r) => {
          const extraction = extractSvg(r.modelText, event.meta.finishReason);
          const withMeta = { ...r, generation: event.meta };
          if (extraction.status === "missing") return fail(withMeta, "generate", "no_svg", extraction.reason);
          if (extraction.status === "truncated") {
            return fail({ ...withMeta, svg: extraction.svg, truncated: extraction.reason }, "generate", "truncated", describeTruncation(extraction.reason));
          }
          return { ...withMeta, svg: extraction.svg, phase: "rendering" };
        }),
        event.roundId,
      );
    case "rendered":
      // A profile without a critic: the round is done once rendered.
      return updateRound(state, event.roundId, (r) => ({
        ...r,
        png: event.png,
        match: event.match ?? null,
        phase: state.settings.singlePass ? "done" : "critiquing",
      }));
    case "critiqueStarted":
      return updateRound(state, event.roundId, (r) => ({ ...r, critiqueText: "", finalCritique: event.final }));
    case "critiqueDelta":
      return updateRound(state, event.roundId, (r) => ({ ...r, critiqueText: r.critiqueText + event.text }));
    case "critiqueEnded":
      return failIfRoundFailed(
        updateRound(state, event.roundId, (r) => {
          const parsed = parseCritique(r.critiqueText);
          const withMeta = { ...r, critiqueMeta: event.meta };
          if (!parsed.ok) return fail(withMeta, "critique", "unparsable_critique", parsed.error);
          return { ...withMeta, critique: parsed.value, phase: "done" };
        }),
        event.roundId,
      );
    case "stepFailed": {
      const next = updateRound(state, event.roundId, (r) => fail(r, event.step, event.code, event.message));
      return { ...next, status: "failed", pauseRequested: false };
    }
    case "stepStopped": {
      const next = updateRound(state, event.roundId, (r) => stop(r, event.step));
      return { ...next, status: "stopped", pauseRequested: false };
    }
    case "pauseRequested":
      return state.status === "running" ? { ...state, pauseRequested: true } : state;
    case "paused":
      return { ...state, status: "paused", pauseRequested: false };
    case "stopped": {
      if (state.status !== "running" && state.status !== "paused") return state;
      // A step cut short (or not yet begun) leaves its round stopped, so Retry can redo it.
      return stopUnfinishedCandidates({ ...state, rounds: stopUnfinished(state.rounds), status: "stopped", pauseRequested: false });
    }
    case "halted": {
      // The runner found a failed round it cannot pass: the loop waits for Retry.
      const last = state.rounds[state.rounds.length - 1];
      return { ...state, status: last?.phase === "stopped" ? "stopped" : "failed", pauseRequested: false };
    }
    case "finished":
      return { ...state, status: "done", pauseRequested: false };
    case "retried": {
      const last = state.rounds[state.rounds.length - 1];
      const rounds = last?.phase === "failed" || last?.phase === "stopped" ? [...state.rounds.slice(0, -1), retryRound(last)] : state.rounds;
      return retryCandidates({ ...state, rounds, status: "running", pauseRequested: false }, retryRound);
    }
    case "resumed":
      return { ...state, ...withMoreRounds(state, event.extraRefinements ?? 0), status: "running", pauseRequested: false };
    case "editCommitted": {
      const sourceIndex = state.rounds.find((r) => r.id === event.sourceRoundId)?.index ?? null;
      const round = newRound(state, "edit", sourceIndex);
      return { ...state, rounds: [...stopUnfinished(state.rounds), { ...round, modelText: event.svg, svg: event.svg, phase: "rendering" }] };
    }
    case "roundKept": {
      const { keptRound: _previous, ...rest } = state.settings;
      void _previous;
      const known = event.index !== null && state.rounds.some((r) => r.index === event.index && r.svg !== null);
      return { ...state, settings: known ? { ...rest, keptRound: event.index! } : rest };
    }
    case "notesCommitted": {
      const source = state.rounds.find((r) => r.id === event.sourceRoundId);
      if (!source?.svg) return state;
      return { ...state, rounds: [...stopUnfinished(state.rounds), { ...newRound(state, "notes", source.index), notes: event.notes }] };
    }
    case "imported": {
      const round = newRound(state, "import", null);
      return { ...state, rounds: [...state.rounds, { ...round, modelText: event.text, svg: event.svg, phase: "rendering" }] };
    }
    case "loaded":
      return event.state;
  }
}
