import type { Round } from "@/lib/loop/loop-types";
import { roundName } from "@/lib/loop/round-names";

/** One side of the comparison: a round, where it comes from, and whether it is still streaming. */
export interface CompareSide {
  round: Round;
  streaming: boolean;
  /** Null for this page's session. */
  otherSession: { id: string; title: string; forkOfThisAt: number | null } | null;
}

export type VisualMode = "side" | "swipe" | "onion" | "difference";
export type PreviewBackground = "white" | "checkerboard";

export const VISUAL_MODES: ReadonlyArray<{ mode: VisualMode; label: string; hint: string }> = [
  { mode: "side", label: "Side by side", hint: "The two rounds next to each other, at the same size" },
  { mode: "swipe", label: "Swipe", hint: "One image over the other, with a divider to drag" },
  { mode: "onion", label: "Onion skin", hint: "The right image over the left, at an opacity you choose" },
  { mode: "difference", label: "Difference", hint: "The pixels that differ, from the two 200×200 images the critic saw" },
];

/** A visible focus ring for every control of the dialog. */
export const FOCUS_RING = "focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-2 focus-visible:outline-indigo-700";

/**
 * The largest square both previews fit in: the column's width, or what the dialog's height
 * leaves once its header and the side headers are counted, never under 200 px.
 */
export const PREVIEW_SIZE = "min(100%, max(200px, calc(94vh - 330px)))";
/** The single image of the overlay modes: as wide as it can be, within the same height. */
export const STAGE_SIZE = "min(100%, max(200px, calc(94vh - 330px)))";

/** "round 2" (or "Candidate 2", "round 1 (Imported)"), or "round 2 of “a red kite”" for a round of another session. */
export function sideName(side: CompareSide): string {
  return side.otherSession ? `${roundName(side.round)} of “${side.otherSession.title}”` : roundName(side.round);
}
