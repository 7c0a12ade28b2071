import type { RoundPhase } from "@/lib/loop/loop-types";

export { KIND_LABEL, roundName, roundTitle } from "@/lib/loop/round-names";

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
