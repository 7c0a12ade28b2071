/** Values derived from a loop state; computed, never stored. */
import type { LoopState, Round } from "./loop-types";

/** The best-scoring critiqued round (the earliest on a tie): the loop's result. */
export function selectBestRound(state: Pick<LoopState, "rounds">): Round | null {
  let best: Round | null = null;
  for (const round of state.rounds) {
    if (!round.critique) continue;
    if (!best || round.critique.score > (best.critique?.score ?? -1)) best = round;
  }
  return best;
}

export function selectActiveRound(state: Pick<LoopState, "rounds" | "status">): Round | null {
  if (state.status !== "running") return null;
  const last = state.rounds[state.rounds.length - 1];
  return last && last.phase !== "done" && last.phase !== "failed" ? last : null;
}

export function selectFailedRound(state: Pick<LoopState, "rounds">): Round | null {
  const last = state.rounds[state.rounds.length - 1];
  return last?.phase === "failed" ? last : null;
}
