/**
 * What a round is judged and refined against: the prompt, and from a "Your notes" round on, the
 * designer's notes (lib/introsvg/designer-notes.ts). A notes round's own generation is asked with
 * the notes standing before it (its notes travel as the suggestions); its critique, and every
 * round after it, with its notes too. Scores from before the latest notes round answered another
 * brief, so the result is picked from that round on (best-round.ts).
 */
/** Any round-like record: the loop's rounds, stored rows. */
interface NotesRound {
  index: number;
  kind?: string;
  notes?: string | null;
}

/** The notes standing at round `index` (inclusive), one per line; "" when there are none. */
export function standingNotesAt(rounds: readonly NotesRound[], index: number, inclusive = true): string {
  return rounds
    .filter((r) => r.kind === "notes" && r.notes && (inclusive ? r.index <= index : r.index < index))
    .map((r) => r.notes!.trim())
    .join("\n");
}

/** The latest notes round's index: the round the current brief starts at (0: the prompt alone). */
export function briefStart(rounds: readonly NotesRound[]): number {
  let start = 0;
  for (const r of rounds) if (r.kind === "notes" && r.index > start) start = r.index;
  return start;
}
