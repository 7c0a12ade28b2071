/**
 * The loop's result, by one rule for the studio, the database's stored best, exports and batch
 * runs, so they can never disagree: the best critic score when a critic has judged any round;
 * in an image session nobody judges, the closest match with the target picture (highest SSIM).
 * The earliest round wins a tie.
 */
export interface Scored {
  index: number;
  score: number | null;
  /** The round's SSIM with the session's target picture, when it has one. */
  ssim?: number | null;
}

/** Which rule chose the best round: "critic" (its score) or "ssim" (the match with the target). */
export type BestRule = "critic" | "ssim";

export function bestRuleOf(rounds: readonly Scored[]): BestRule | null {
  if (rounds.some((r) => r.score !== null)) return "critic";
  if (rounds.some((r) => r.ssim != null)) return "ssim";
  return null;
}

export function pickBest<T extends Scored>(rounds: readonly T[]): T | null {
  const rule = bestRuleOf(rounds);
  if (!rule) return null;
  const value = (r: T) => (rule === "critic" ? r.score : r.ssim) ?? null;
  let best: T | null = null;
  for (const round of rounds) {
    const v = value(round);
    if (v === null) continue;
    if (!best || v > (value(best) ?? -Infinity)) best = round;
  }
  return best;
}
