"use client";

import { useId, useState } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { roundName } from "@/lib/loop/round-names";
import { dataUrlToBlob, downloadFile } from "@/lib/clients/download-file";
import { roundFileStem } from "@/lib/export/file-names";
import { cleanSvgInBrowser } from "@/lib/export/optimize-in-browser";
import { SVG_PRECISIONS, precisionLabel, type SvgPrecision } from "@/lib/export/svgo-config";
import { rasterizeSvgInBrowser } from "@/lib/raster/browser";
import { BUTTON, PRIMARY, type Feedback } from "./export-buttons";
import { OptimizedSection } from "./optimized-section";
import { PngSection } from "./png-section";
import { SmallPreviews } from "./small-previews";
import { useOptimizedSvg } from "./use-optimized-svg";

export interface ExportContext {
  round: Round;
  svg: string;
  stem: string;
  prompt: string;
  say: (feedback: Feedback) => void;
}

/** Copies text; a refused clipboard says what to do instead. */
export async function copyText(text: string, what: string, say: ExportContext["say"], fallback: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    say({ tone: "ok", text: `Copied ${what}.` });
  } catch (e) {
    say({ tone: "error", text: `Copy failed: ${(e as Error).message}. Use ${fallback} instead.` });
  }
}

export async function pngBytes(svg: string, size: number): Promise<Uint8Array> {
  const url = await rasterizeSvgInBrowser(svg, { width: size, height: size, background: null });
  return new Uint8Array(await dataUrlToBlob(url).arrayBuffer());
}

/**
 * The Export region of one round: the SVG as the model drew it (sanitized), optimized (SVGO),
 * as a React component, a data URI or CSS background, PNGs at 1×/2×/3× and a favicon set, and
 * the icon at small sizes. Every file is named from the prompt and the round.
 */
export function ExportPanel({ round, prompt }: { round: Round; prompt: string }) {
  const svg = round.svg ?? "";
  const [feedback, say] = useState<Feedback>(null);
  const [precision, setPrecision] = useState<SvgPrecision>("lossless");
  const optimized = useOptimizedSvg(svg, precision);
  const precisionId = useId();
  const context: ExportContext = { round, svg, stem: roundFileStem(prompt, round), prompt, say };
  const original = () => cleanSvgInBrowser(svg);

  return (
    <section aria-label="Export" className="flex flex-col gap-2 border-t border-slate-100 pt-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Export</h3>
        <label htmlFor={precisionId} className="flex items-center gap-1 text-xs text-slate-600">
          Precision
          <select
            id={precisionId}
            value={String(precision)}
            onChange={(e) => setPrecision(e.target.value === "lossless" ? "lossless" : (Number(e.target.value) as SvgPrecision))}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          >
            {SVG_PRECISIONS.map((p) => (
              <option key={String(p)} value={String(p)}>
                {precisionLabel(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Export ${roundName(round)}`}>
        <button type="button" onClick={() => void copyText(original(), `${roundName(round)}'s SVG`, say, "Download SVG")} className={BUTTON}>
          Copy SVG
        </button>
        <button type="button" onClick={() => downloadFile(`${context.stem}.svg`, original())} className={PRIMARY}>
          Download SVG
        </button>
      </div>
      <OptimizedSection context={context} optimized={optimized} />
      <PngSection context={context} optimized={optimized} />
      <SmallPreviews svg={svg} roundIndex={round.index} />
      {feedback && (
        <p role={feedback.tone === "error" ? "alert" : "status"} className={`text-xs ${feedback.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {feedback.text}
        </p>
      )}
    </section>
  );
}
