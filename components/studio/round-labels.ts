import type { Round, RoundKind, RoundPhase } from "@/lib/loop/loop-types";

export const KIND_LABEL: Record<RoundKind, string> = { draft: "Draft", refine: "Refinement", edit: "Hand edit", notes: "Your notes" };

export const PHASE_LABEL: Record<RoundPhase, string> = {
  generating: "Generating SVG",
  rendering: "Rendering for the critic",
  critiquing: "Critiquing",
  done: "Done",
  failed: "Failed",
  stopped: "Stopped",
};

export function formatScore(score: number): string {
  return `${score.toFixed(1)} / 10`;
}

export function roundTitle(round: Round): string {
  return `Round ${round.index} · ${KIND_LABEL[round.kind]}`;
}
