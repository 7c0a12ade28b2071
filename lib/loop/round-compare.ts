/**
 * What the compare view needs to know about a round, computed from the round alone (or the
 * loop it belongs to): whether it is streaming, what it can show while it has no finished SVG
 * and why not when it cannot, why it has no critic image yet, and the score change between two.
 */
import { selectActiveRound } from "./loop-selectors";
import type { LoopState, Round } from "./loop-types";
import { isCandidateEntry } from "./candidates";

/** The round is the loop's active one (or a candidate of its running draft step) and its SVG is still arriving. */
export function isRoundStreaming(state: Pick<LoopState, "rounds" | "status">, round: Round): boolean {
  if (isCandidateEntry(round)) return round.phase === "generating" && state.status === "running";
  return round.phase === "generating" && selectActiveRound(state)?.id === round.id;
}

/** Everything the compare view can put on either side: the rounds, then the draft step's candidates. */
export function comparableRounds(state: Pick<LoopState, "rounds" | "candidates">): Round[] {
  return state.candidates?.length ? [...state.rounds, ...state.candidates] : state.rounds;
}

export type RoundPicture =
  /** `source` is an SVG, or (partial) a text holding the start of one, for a live preview. */
  { source: string; partial: boolean; note: string | null } | { source: null; reason: string };

const hasSvgStart = (text: string) => /<svg[\s>/]/i.test(text);

/** What a round can show as a picture, or why it shows none. */
export function roundPicture(round: Round, streaming: boolean): RoundPicture {
  if (round.svg) {
    return round.truncated
      ? {
          source: round.svg,
          partial: true,
          note: `Truncated (${round.truncated === "length" ? "token limit" : "no closing </svg>"}): the preview closes its open tags.`,
        }
      : { source: round.svg, partial: false, note: null };
  }
  if (streaming) {
    return hasSvgStart(round.modelText)
      ? { source: round.modelText, partial: true, note: "Streaming: the preview shows the shapes that have arrived." }
      : { source: null, reason: round.modelText ? "Streaming: no <svg> has arrived yet." : "Streaming: waiting for the model's first tokens." };
  }
  const partial = hasSvgStart(round.modelText);
  if (round.phase === "stopped" && round.stoppedStep === "generate") {
    return partial
      ? { source: round.modelText, partial: true, note: "Stopped mid-stream: the preview shows the partial SVG." }
      : { source: null, reason: "Stopped before any SVG arrived." };
  }
  if (round.error?.step === "generate") {
    return partial
      ? { source: round.modelText, partial: true, note: `Generation failed: ${round.error.message}` }
      : { source: null, reason: `No SVG: ${round.error.message}` };
  }
  if (round.phase === "generating") return { source: null, reason: "Its generation never finished." };
  return { source: null, reason: "The model's answer contains no <svg>." };
}

/** Why a round has no critic PNG (null when it has one). */
export function missingCriticImageReason(round: Round, streaming: boolean): string | null {
  if (round.png) return null;
  const name = `Round ${round.index}`;
  if (streaming || round.phase === "generating") return `${name} is still streaming: the critic has not seen it yet.`;
  if (round.phase === "rendering") return `${name} is being rendered for the critic.`;
  if (round.error?.step === "render") return `${name} could not be rendered: ${round.error.message}`;
  if (!round.svg) return `${name} has no SVG, so the critic saw no image.`;
  if (round.phase === "stopped") return `${name} was stopped before it was rendered.`;
  return `${name} has no critic image.`;
}

/** right − left score, or null when either is not critiqued. */
export function scoreChange(left: Round, right: Round): number | null {
  if (!left.critique || !right.critique) return null;
  return right.critique.score - left.critique.score;
}

/** "+1.5", "−0.3" (a minus sign), "±0.0". */
export function formatScoreChange(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return "±0.0";
  return `${rounded > 0 ? "+" : "\u2212"}${Math.abs(rounded).toFixed(1)}`;
}

/** The id of the round `step` places after `id` in `rounds`, held at the ends; `id` when absent. */
export function stepRoundId(rounds: readonly Pick<Round, "id">[], id: string, step: number): string {
  const at = rounds.findIndex((r) => r.id === id);
  if (at < 0) return id;
  return rounds[Math.min(rounds.length - 1, Math.max(0, at + step))].id;
}
