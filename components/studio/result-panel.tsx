"use client";

import { selectBestRound, selectRoundScore, selectShownRound } from "@/lib/loop/loop-selectors";
import type { Round } from "@/lib/loop/loop-types";
import { SvgPreview } from "./svg-preview";
import { RoundActions } from "./round-actions";
import { formatScore, roundTitle } from "./round-labels";
import { useStudioStore } from "./studio-store-provider";

/**
 * The result: the best-scoring round once the loop settles, or the round the user picked in
 * the timeline, with its exports.
 */
export function ResultPanel() {
  const loop = useStudioStore((s) => s.loop);
  const selectedRoundId = useStudioStore((s) => s.selectedRoundId);
  const selectRound = useStudioStore((s) => s.selectRound);
  const best = selectBestRound(loop);
  const shown = selectShownRound(loop, selectedRoundId);
  const settled = loop.status !== "running";
  const isBest = shown !== null && shown.id === best?.id;

  let heading = "Result";
  if (shown && isBest) heading = settled ? "Best round" : "Best so far";
  else if (shown) heading = selectedRoundId ? "Selected round" : "Current round";

  return (
    <section aria-label="Result" className="rounded-lg border border-slate-200 bg-white p-3">
      {shown?.svg ? (
        <div className="flex items-start gap-3">
          <SvgPreview key={shown.id} source={shown.svg} streaming={false} label={`Round ${shown.index} result`} size={120} />
          <div className="flex min-w-0 flex-1 flex-col gap-1.5 text-sm">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</h2>
            <p className="font-medium text-slate-800">
              {roundTitle(shown)}
              {isBest && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Best</span>}
              <span className="ml-2 whitespace-nowrap font-mono text-slate-900">{shown.critique ? formatScore(shown.critique.score) : ""}</span>
            </p>
            {isBest && settled && <KeptReason best={shown} rounds={loop.rounds} />}
            {!isBest && best && (
              <p className="text-xs text-slate-600">
                {shown.critique ? "" : `Round ${shown.index} has no score${shown.phase === "stopped" && shown.stoppedStep === "critique" ? " (stopped at its critique)" : ""}. `}
                Best is round {best.index}
                {best.critique ? ` (${best.critique.score.toFixed(1)})` : ""}.{" "}
                <button type="button" className="text-indigo-700 underline" onClick={() => selectRound(best.id)}>
                  Show best
                </button>
              </p>
            )}
            <RoundActions round={shown} prompt={loop.prompt} />
          </div>
        </div>
      ) : (
        <>
          <h2 className="mb-1 text-sm font-semibold text-slate-800">Result</h2>
          <p className="text-sm text-slate-600">
            {loop.status === "running" ? "The result appears once a round has an SVG." : "The best-scoring round will appear here."}
          </p>
        </>
      )}
    </section>
  );
}

/** Why the best round is kept over the rounds after it: it outscored them, or they have no score. */
function KeptReason({ best, rounds }: { best: Round; rounds: Round[] }) {
  const later = rounds.filter((r) => r.index > best.index);
  if (later.length === 0) return null;
  const unscored = later.filter((r) => selectRoundScore(r) === null);
  const scored = later.length - unscored.length;
  const names = unscored.map((r) => `round ${r.index}${r.phase === "stopped" && r.stoppedStep === "critique" ? " (stopped at its critique)" : ""}`);
  let text: string;
  if (unscored.length === 0) text = "Kept over later rounds because it scored highest.";
  else if (scored === 0) text = `Kept: it has the highest score; ${joinNames(names)} ${unscored.length === 1 ? "has" : "have"} no score.`;
  else text = `Kept: it scored highest of the scored rounds; ${joinNames(names)} ${unscored.length === 1 ? "has" : "have"} no score.`;
  return <p className="text-xs text-slate-600">{text}</p>;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
