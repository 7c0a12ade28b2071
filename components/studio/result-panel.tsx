"use client";

import { selectBestRound, selectBestRule, selectResultRound, selectRoundScore } from "@/lib/loop/loop-selectors";
import type { Round } from "@/lib/loop/loop-types";
import { formatImageMatch } from "@/lib/metrics/image-similarity";
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
  const keepRound = useStudioStore((s) => s.keepRound);
  const best = selectBestRound(loop);
  const rule = selectBestRule(loop);
  const target = loop.settings.target;
  const shown = selectResultRound(loop, selectedRoundId);
  const settled = loop.status !== "running";
  const isBest = shown !== null && shown.id === best?.id;
  const kept = loop.settings.keptRound ?? null;
  const isKept = shown !== null && shown.index === kept;

  let heading = "Result";
  if (shown && isKept) heading = "Kept round";
  else if (shown && isBest) heading = settled ? "Best round" : "Best so far";
  else if (shown) heading = selectedRoundId ? "Selected round" : "Current round";

  return (
    <>
      {target && (
        <section aria-label="Target image" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- the browser's own PNG of the dropped file */}
          <img
            src={target.png}
            alt={`Target: ${target.name}`}
            width={120}
            height={120}
            className="h-[120px] w-[120px] rounded border border-slate-200 bg-white object-contain"
          />
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
          <>
            <div className="flex items-start gap-3">
              <SvgPreview key={shown.id} source={shown.svg} streaming={false} label={`Round ${shown.index} result`} size={120} />
              <div className="flex min-w-0 flex-1 flex-col gap-1.5 text-sm">
                <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</h2>
                <p className="font-medium text-slate-800">
                  {roundTitle(shown)}
                  {isBest && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Best</span>}
                  <span className="ml-2 whitespace-nowrap font-mono text-slate-900">{shown.critique ? formatScore(shown.critique.score) : ""}</span>
                </p>
                {shown.match && <p className="font-mono text-xs text-slate-700">{formatImageMatch(shown.match)}</p>}
                {target && rule && (
                  <p className="text-xs text-slate-600">
                    {rule === "critic"
                      ? "Best round: the critic's highest score."
                      : "Best round: the closest match with the image (highest SSIM), as no critic judges."}
                  </p>
                )}
                {isKept ? (
                  <p className="text-xs text-slate-600">You kept this round: it stays the result whatever later rounds score.</p>
                ) : (
                  isBest && settled && <KeptReason best={shown} rounds={loop.rounds} byMatch={rule === "ssim"} />
                )}
                <div>
                  <button
                    type="button"
                    aria-pressed={isKept}
                    onClick={() => keepRound(isKept ? null : shown.index)}
                    title={isKept ? "Let the best score decide the result again" : `Make round ${shown.index} the result, whatever later rounds score`}
                    className={`rounded border px-2 py-1 text-xs font-medium ${
                      isKept ? "border-emerald-700 bg-emerald-700 text-white hover:bg-emerald-800" : "border-slate-300 text-slate-800 hover:bg-slate-100"
                    }`}
                  >
                    Keep this round
                  </button>
                </div>
                {!isBest && best && (
                  <p className="text-xs text-slate-600">
                    {shown.critique
                      ? ""
                      : `Round ${shown.index} has no score${shown.phase === "stopped" && shown.stoppedStep === "critique" ? " (stopped at its critique)" : ""}. `}
                    {kept !== null ? "The result is" : "Best is"} round {best.index}
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
    </>
  );
}

/**
 * Why the best round is kept over the rounds after it: it outscored them (or, with no critic,
 * matched the image best), or they have no score.
 */
function KeptReason({ best, rounds, byMatch }: { best: Round; rounds: Round[]; byMatch: boolean }) {
  const later = rounds.filter((r) => r.index > best.index);
  if (later.length === 0) return null;
  if (byMatch) return <p className="text-xs text-slate-600">Kept over later rounds because it matched the image best.</p>;
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
