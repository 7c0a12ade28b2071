"use client";

import { selectBestRound } from "@/lib/loop/loop-selectors";
import { downloadFile, fileSlug } from "@/lib/export/download-file";
import { sanitizeSvgInBrowser } from "@/lib/svg/sanitize-in-browser";
import { SvgPreview } from "./svg-preview";
import { formatScore, roundTitle } from "./round-labels";
import { useStudioStore } from "./studio-store-provider";

export function ResultPanel() {
  const loop = useStudioStore((s) => s.loop);
  const best = selectBestRound(loop);
  const settled = loop.status !== "running";

  return (
    <section aria-label="Result" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="mb-2 text-sm font-semibold text-slate-800">Result</h2>
      {best?.svg ? (
        <div className="flex items-start gap-3">
          <SvgPreview source={best.svg} streaming={false} label={`Best result: round ${best.index}`} size={112} />
          <div className="flex min-w-0 flex-col gap-1 text-sm">
            <p className="font-medium text-slate-800">
              {settled ? "Best round" : "Best so far"}: {roundTitle(best)}
            </p>
            <p className="font-mono text-slate-900">{best.critique ? formatScore(best.critique.score) : ""}</p>
            {best.index !== loop.rounds.length && settled && (
              <p className="text-xs text-slate-500">Kept over later rounds because it scored highest.</p>
            )}
            <button
              type="button"
              onClick={() => downloadFile(`${fileSlug(loop.prompt)}.svg`, sanitizeSvgInBrowser(best.svg ?? ""))}
              className="mt-1 self-start rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900"
            >
              Download SVG
            </button>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          {loop.status === "running" ? "The result appears once a round has been critiqued." : "The best-scoring round will appear here."}
        </p>
      )}
    </section>
  );
}
