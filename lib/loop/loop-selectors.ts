/** Values derived from a loop state; computed, never stored. */
import { bestRuleOf, pickBest, type BestRule } from "./best-round";
import type { LoopState, Round } from "./loop-types";

const scored = (rounds: readonly Round[]) =>
  rounds.map((round) => ({ index: round.index, kind: round.kind, score: round.critique?.score ?? null, ssim: round.match?.ssim ?? null, round }));

/**
 * The loop's result (best-round.ts): the round the person kept, else the best-scoring critiqued
 * round of the current brief, or in an unjudged image session the closest to the target.
 */
export function selectBestRound(state: Pick<LoopState, "rounds"> & { settings?: Pick<LoopState["settings"], "keptRound"> }): Round | null {
  return pickBest(scored(state.rounds), state.settings?.keptRound)?.round ?? null;
}

/** Which rule chose selectBestRound's round, for the panel to say. */
export function selectBestRule(state: Pick<LoopState, "rounds">): BestRule | null {
  return bestRuleOf(scored(state.rounds));
}

export function selectActiveRound(state: Pick<LoopState, "rounds" | "status">): Round | null {
  if (state.status !== "running") return null;
  const last = state.rounds[state.rounds.length - 1];
  return last && last.phase !== "done" && last.phase !== "failed" && last.phase !== "stopped" ? last : null;
}

export function selectFailedRound(state: Pick<LoopState, "rounds">): Round | null {
  const last = state.rounds[state.rounds.length - 1];
  return last?.phase === "failed" || last?.phase === "stopped" ? last : null;
}

/** The round the person picked in the timeline, while it exists. */
function pickedRound(state: Pick<LoopState, "rounds">, selectedRoundId: string | null): Round | undefined {
  return selectedRoundId ? state.rounds.find((r) => r.id === selectedRoundId) : undefined;
}

/**
 * The round the workbench shows: the user's pick, else the round in progress (while the loop
 * runs or is paused), else the result.
 */
export function selectShownRound(
  state: Pick<LoopState, "rounds" | "status"> & { settings?: Pick<LoopState["settings"], "keptRound"> },
  selectedRoundId: string | null,
): Round | null {
  const picked = pickedRound(state, selectedRoundId);
  if (picked) return picked;
  const last = state.rounds[state.rounds.length - 1] ?? null;
  if (state.status === "running" || state.status === "paused") return last;
  return selectBestRound(state) ?? last;
}

/**
 * The round the Result panel shows: the user's pick, else the result (the kept or best round).
 * Before any round is scored: the latest round with an SVG, so while round 2 streams the panel
 * keeps round 1's drawing rather than going blank; null only while nothing has been drawn.
 */
export function selectResultRound(
  state: Pick<LoopState, "rounds"> & { settings?: Pick<LoopState["settings"], "keptRound"> },
  selectedRoundId: string | null,
): Round | null {
  const picked = pickedRound(state, selectedRoundId);
  if (picked) return picked;
  return selectBestRound(state) ?? state.rounds.findLast((r) => r.svg) ?? state.rounds.at(-1) ?? null;
}

export function selectPreviousRound(state: Pick<LoopState, "rounds">, round: Round): Round | null {
  return state.rounds[round.index - 2] ?? null;
}

/**
 * A round's score: only a critique that finished gives one. A critique cut short (Stop, a
 * failure) or still arriving may hold a score-like fragment; it is not the round's score.
 */
export function selectRoundScore(round: Pick<Round, "critique">): number | null {
  return round.critique?.score ?? null;
}

/** What a stopped or failed round was doing when it ended, as the round says it. */
export function stoppedAt(round: Pick<Round, "phase" | "stoppedStep">): "generate" | "render" | "critique" | null {
  return round.phase === "stopped" ? round.stoppedStep : null;
}
