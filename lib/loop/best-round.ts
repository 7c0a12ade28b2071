/**
 * The loop's result, by one rule for the studio, the database's stored best, exports and batch
 * runs, so they can never disagree: the best critic score when a critic has judged any round;
 * in an image session nobody judges, the closest match with the target picture (highest SSIM).
 * The earliest round wins a tie.
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

export function pickBest<T extends Scored>(rounds: readonly T[], keptRound?: number | null): T | null {
  if (keptRound != null) {
    const kept = rounds.find((r) => r.index === keptRound);
    if (kept) return kept;
  }
  const start = briefStart(rounds);
  return highest(rounds.filter((r) => r.index >= start)) ?? highest(rounds);
}

function highest<T extends Scored>(rounds: readonly T[]): T | null {
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
