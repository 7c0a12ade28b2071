/**
 * The loop's result: the best-scoring critiqued round, the earliest on a tie. One rule for the
 * studio, the database's stored best, exports and batch runs, so they can never disagree.
 */
export interface Scored {
  index: number;
  score: number | null;
}

export function pickBest<T extends Scored>(rounds: readonly T[]): T | null {
  let best: T | null = null;
  for (const round of rounds) {
    if (round.score === null) continue;
    if (!best || round.score > (best.score ?? -Infinity)) best = round;
  }
  return best;
}
