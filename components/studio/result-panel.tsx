"use client";

import { selectBestRound, selectShownRound } from "@/lib/loop/loop-selectors";
import { SvgPreview } from "./svg-preview";
import { ExportPanel } from "../export/export-panel";
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
        <>
        <div className="flex items-start gap-3">
          <SvgPreview key={shown.id} source={shown.svg} streaming={false} label={`Round ${shown.index} result`} size={120} />
          <div className="flex min-w-0 flex-1 flex-col gap-1.5 text-sm">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</h2>
            <p className="font-medium text-slate-800">
              {roundTitle(shown)}
              {isBest && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Best</span>}
              <span className="ml-2 font-mono text-slate-900">{shown.critique ? formatScore(shown.critique.score) : ""}</span>
            </p>
            {isBest && settled && shown.index !== loop.rounds.length && (
              <p className="text-xs text-slate-600">Kept over later rounds because it scored highest.</p>
            )}
            {!isBest && best && (
              <p className="text-xs text-slate-600">
                Best is round {best.index}
                {best.critique ? ` (${best.critique.score.toFixed(1)})` : ""}.{" "}
                <button type="button" className="text-indigo-700 underline" onClick={() => selectRound(best.id)}>
                  Show best
                </button>
              </p>
            )}
          </div>
        </div>
        <ExportPanel key={shown.id} round={shown} prompt={loop.prompt} />
        </>
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
