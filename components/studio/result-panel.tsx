"use client";

import { selectBestRound, selectBestRule, selectShownRound } from "@/lib/loop/loop-selectors";
import { formatImageMatch } from "@/lib/metrics/image-similarity";
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
  const rule = selectBestRule(loop);
  const target = loop.settings.target;
  const shown = selectShownRound(loop, selectedRoundId);
  const settled = loop.status !== "running";
  const isBest = shown !== null && shown.id === best?.id;

  let heading = "Result";
  if (shown && isBest) heading = settled ? "Best round" : "Best so far";
  else if (shown) heading = selectedRoundId ? "Selected round" : "Current round";

  return (
    <>
    {target && (
      <section aria-label="Target image" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- the browser's own PNG of the dropped file */}
        <img src={target.png} alt={`Target: ${target.name}`} width={120} height={120} className="h-[120px] w-[120px] rounded border border-slate-200 bg-white object-contain" />
        <div className="text-sm">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Target</h2>
          <p className="text-slate-800">{target.name}</p>
          <p className="text-xs text-slate-600">
            {target.width}×{target.height} px; each round is measured against it at 448×448 on white.
          </p>
        </div>
      </section>
    )}
    <section aria-label="Result" className="rounded-lg border border-slate-200 bg-white p-3">
      {shown?.svg ? (
        <div className="flex items-start gap-3">
          <SvgPreview key={shown.id} source={shown.svg} streaming={false} label={`Round ${shown.index} result`} size={120} />
          <div className="flex min-w-0 flex-1 flex-col gap-1.5 text-sm">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</h2>
            <p className="font-medium text-slate-800">
              {roundTitle(shown)}
              {isBest && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Best</span>}
              <span className="ml-2 font-mono text-slate-900">{shown.critique ? formatScore(shown.critique.score) : ""}</span>
            </p>
            {shown.match && <p className="font-mono text-xs text-slate-700">{formatImageMatch(shown.match)}</p>}
            {target && rule && (
              <p className="text-xs text-slate-600">
                {rule === "critic" ? "Best round: the critic's highest score." : "Best round: the closest match with the image (highest SSIM), as no critic judges."}
              </p>
            )}
            {isBest && settled && shown.index !== loop.rounds.length && (
              <p className="text-xs text-slate-600">Kept over later rounds because it {rule === "ssim" ? "matched the image best" : "scored highest"}.</p>
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
    </>
  );
}
