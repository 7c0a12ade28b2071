"use client";

import { useId, useState } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { dataUrlToBlob, downloadFile } from "@/lib/clients/download-file";
import { fileSlug } from "@/lib/export/file-names";
import { rasterizeSvgInBrowser } from "@/lib/raster/browser";
import { sanitizeSvgInBrowser } from "@/lib/svg/sanitize-in-browser";
import { roundFileStem } from "@/lib/export/file-names";
import { roundName } from "@/lib/loop/round-names";

const PNG_SIZES = [200, 256, 512, 1024, 2048] as const;

/** Copy SVG, Download SVG and Download PNG (size of choice) for one round. */
export function RoundActions({ round, prompt }: { round: Round; prompt: string }) {
  const [size, setSize] = useState<number>(512);
  const [feedback, setFeedback] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const sizeId = useId();
  const svg = round.svg;
  const base = `${fileSlug(prompt)}-${roundFileStem(round)}`;
  const name = roundName(round);

  const copy = async () => {
    if (!svg) return;
    try {
      await navigator.clipboard.writeText(sanitizeSvgInBrowser(svg));
      setFeedback({ tone: "ok", text: `Copied ${name}'s SVG.` });
    } catch (e) {
      setFeedback({ tone: "error", text: `Copy failed: ${(e as Error).message}. Use Download SVG instead.` });
    }
  };
  const downloadPng = async () => {
    if (!svg) return;
    try {
      const dataUrl = await rasterizeSvgInBrowser(svg, { width: size, height: size, background: null });
      downloadFile(`${base}-${size}.png`, dataUrlToBlob(dataUrl));
      setFeedback(null);
    } catch (e) {
      setFeedback({ tone: "error", text: (e as Error).message });
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Export ${name}`}>
        <button type="button" disabled={!svg} onClick={() => void copy()} className={BUTTON}>
          Copy SVG
        </button>
        <button
          type="button"
          disabled={!svg}
          onClick={() => svg && downloadFile(`${base}.svg`, sanitizeSvgInBrowser(svg))}
          className={PRIMARY}
        >
          Download SVG
        </button>
        <label htmlFor={sizeId} className="sr-only">
          PNG size
        </label>
        <select
          id={sizeId}
          value={size}
          onChange={(e) => setSize(Number(e.target.value))}
          className="rounded border border-slate-300 bg-white px-1 py-1 text-xs"
        >
          {PNG_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}×{s}
            </option>
          ))}
        </select>
        <button type="button" disabled={!svg} onClick={() => void downloadPng()} className={BUTTON}>
          Download PNG
        </button>
      </div>
      {feedback && (
        <p role={feedback.tone === "error" ? "alert" : "status"} className={`text-xs ${feedback.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {feedback.text}
        </p>
      )}
    </div>
  );
}

const BUTTON =
  "rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";
const PRIMARY =
  "rounded border border-slate-800 bg-slate-800 px-2 py-1 text-xs font-medium text-white hover:bg-slate-900 disabled:cursor-not-allowed disabled:opacity-50";
