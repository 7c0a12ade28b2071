/**
 * What rounds and candidates are called, in one place: the timeline's titles, the compare view,
 * the live announcements and exported file names all name them the same way ("Candidate 2",
 * "Round 1 · Imported").
 */
import { isCandidateEntry } from "./candidates";
import type { Round, RoundKind } from "./loop-types";

export const KIND_LABEL: Record<RoundKind, string> = { draft: "Draft", refine: "Refinement", edit: "Hand edit", notes: "Your notes", import: "Imported" };

/** "Candidate 2" for a candidate, else "Round 3 · Refinement", "Round 1 · Imported", "Round 1 · Candidate 2". */
export function roundTitle(round: Round): string {
  if (isCandidateEntry(round)) return `Candidate ${round.candidate}`;
  const kind = round.kind === "draft" && round.candidate != null ? `Candidate ${round.candidate}` : KIND_LABEL[round.kind];
  return `Round ${round.index} · ${kind}`;
}

/** The name inside a sentence: "Candidate 2", "round 3", "round 1 (Imported)", "round 1 (Candidate 2)". */
export function roundName(round: Round): string {
  if (isCandidateEntry(round)) return `Candidate ${round.candidate}`;
  if (round.kind === "import") return `round ${round.index} (Imported)`;
  if (round.candidate != null) return `round ${round.index} (Candidate ${round.candidate})`;
  return `round ${round.index}`;
}

/** The same, starting a sentence. */
export function sentenceRoundName(round: Round): string {
  const name = roundName(round);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
