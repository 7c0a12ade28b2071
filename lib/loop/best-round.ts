/**
 * The loop's result: the best-scoring critiqued round, the earliest on a tie. One rule for the
 * studio, the database's stored best, exports and batch runs, so they can never disagree.
 *  - A round the person kept ("Keep this round") is the result, whatever scores come later.
 *  - After a "Your notes" round, only rounds judged against the notes count (lib/loop/brief.ts):
 *    an earlier round answered another brief. Until the notes round is scored, the earlier best stands.
 */
import { briefStart } from "./brief";

export interface Scored {
  index: number;
  score: number | null;
  /** Absent for rounds known to be no notes round (older callers). */
  kind?: string;
}

export function pickBest<T extends Scored>(rounds: readonly T[], keptRound?: number | null): T | null {
  if (keptRound != null) {
    const kept = rounds.find((r) => r.index === keptRound);
    if (kept) return kept;
  }
  const start = briefStart(rounds);
  return highest(rounds.filter((r) => r.index >= start)) ?? highest(rounds);
}

function highest<T extends Scored>(rounds: readonly T[]): T | null {
  let best: T | null = null;
  for (const round of rounds) {
    if (round.score === null) continue;
    if (!best || round.score > (best.score ?? -Infinity)) best = round;
  }
  return best;
}
