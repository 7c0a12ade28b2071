/** Values derived from a loop state; computed, never stored. */
import { pickBest } from "./best-round";
import type { LoopState, Round } from "./loop-types";

/** The best-scoring critiqued round (the earliest on a tie): the loop's result. */
export function selectBestRound(state: Pick<LoopState, "rounds"> & { settings?: Pick<LoopState["settings"], "keptRound"> }): Round | null {
  const scored = state.rounds.map((round) => ({ index: round.index, kind: round.kind, score: round.critique?.score ?? null, round }));
  const best = pickBest(scored, state.settings?.keptRound);
  return best?.round ?? null;
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

/**
 * The round the workbench shows: the user's pick, else the round in progress (while the loop
 * runs or is paused), else the result.
 */
export function selectShownRound(
  state: Pick<LoopState, "rounds" | "status"> & { settings?: Pick<LoopState["settings"], "keptRound"> },
  selectedRoundId: string | null,
): Round | null {
  const picked = selectedRoundId ? state.rounds.find((r) => r.id === selectedRoundId) : undefined;
  if (picked) return picked;
  const last = state.rounds[state.rounds.length - 1] ?? null;
  if (state.status === "running" || state.status === "paused") return last;
  return selectBestRound(state) ?? last;
}

export function selectPreviousRound(state: Pick<LoopState, "rounds">, round: Round): Round | null {
  return state.rounds[round.index - 2] ?? null;
}
