/**
 * What the live region says about candidates: when the draft step asks for them, when each is
 * scored or turns out unusable, and which one the loop goes on from. Never per token.
 */
import { candidateVerdict, VERDICT_LABEL } from "./candidates";
import type { LoopState } from "./loop-types";

type Announced = Pick<LoopState, "rounds" | "candidates">;

export function candidateAnnouncements(prev: Announced, next: Announced): string[] {
  const messages: string[] = [];
  const now = next.candidates ?? [];
  const before = prev.candidates ?? [];
  if (now.length === 0) return messages;
  if (before.length === 0 && next.rounds.length === 0) messages.push(`${now.length} candidates started`);
  for (const c of now) {
    const earlier = before.find((b) => b.candidate === c.candidate);
    if (c.critique && !earlier?.critique) messages.push(`Candidate ${c.candidate} scored ${c.critique.score.toFixed(1)}`);
    const verdict = candidateVerdict(c);
    if (verdict !== "valid" && verdict !== "pending" && verdict !== "stopped" && (!earlier || candidateVerdict(earlier) !== verdict)) {
      messages.push(`Candidate ${c.candidate}: ${VERDICT_LABEL[verdict].toLowerCase()}, not chosen`);
    }
  }
  const chosen = next.rounds[0]?.candidate;
  if (chosen != null && prev.rounds[0]?.candidate !== chosen) messages.push(`Continuing from candidate ${chosen}`);
  return messages;
}
