"use client";

import { selectBestRound, selectFailedRound } from "@/lib/loop/loop-selectors";
import { refinementBudget, refinementsSpent } from "@/lib/loop/next-step";
import { useStudioStore } from "./studio-store-provider";

/**
 * One line that says what the loop is doing. A status, but not itself live: the studio's one
 * polite live region (LoopAnnouncer) says when rounds start, are scored and the loop ends, so
 * this line's changes are not read a second time.
 */
export function LoopStatusBar() {
  const loop = useStudioStore((s) => s.loop);
  const failed = selectFailedRound(loop);
  const best = selectBestRound(loop);
  const spent = refinementsSpent(loop);
  const budget = refinementBudget(loop);
  let text: string;
  switch (loop.status) {
    case "idle":
      text = "Ready.";
      break;
    case "running":
      text = loop.pauseRequested
        ? "Pausing after the current step…"
        : `Running · refinement ${spent} of ${budget}${loop.settings.mode === "reference" ? " (reference schedule)" : ` · stops at ${loop.settings.threshold.toFixed(1)}`}`;
      break;
    case "paused":
      text = "Paused between steps. Resume to continue.";
      break;
    case "stopped":
      text = "Stopped. Completed rounds are kept; Retry continues the stopped step.";
      break;
    case "failed":
      text = `A step failed in round ${failed?.index ?? "?"}. Completed rounds are kept.`;
      break;
    case "done":
      text = loop.settings.singlePass
        ? `Done: a single pass of ${loop.rounds.length} round${loop.rounds.length === 1 ? "" : "s"}, not critiqued (this profile has no critic).`
        : best?.critique && loop.settings.mode === "paper" && best.critique.score >= loop.settings.threshold
          ? `Done: round ${best.index} reached ${best.critique.score.toFixed(1)}.`
          : `Done after ${loop.rounds.length} round${loop.rounds.length === 1 ? "" : "s"}; best is round ${best?.index ?? "–"}.`;
      break;
  }
  return (
    <p aria-live="off" role="status" aria-label="Loop status" className="text-sm text-slate-700">
      {text}
    </p>
  );
}
