"use client";

import { roundName } from "@/lib/loop/round-names";
import { useQueryClient, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { downloadFile } from "@/lib/clients/download-file";
import { exportApi } from "@/lib/clients/export-client";
import { cssBackground, svgDataUri } from "@/lib/export/css-exports";
import { formatSizeChange } from "@/lib/export/optimize-svg";
import { formatChangedShare } from "@/lib/raster/pixel-diff";
import { svgImageUrl } from "@/lib/svg/sanitize-in-browser";
import { BUTTON, PRIMARY } from "./export-buttons";
import { copyText, type ExportContext } from "./export-panel";
import type { OptimizedState } from "./use-optimized-svg";

function componentQuery(svg: string, prompt: string, currentColor: boolean) {
  return {
    queryKey: ["react-component", svg, prompt, currentColor] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => exportApi.reactComponent({ svg, prompt, currentColor }, signal),
    staleTime: Infinity,
  };
}

/** Optimized SVG (size, check, side by side), the React component, and the CSS forms. */
export function OptimizedSection({ context, optimized }: { context: ExportContext; optimized: OptimizedState }) {
  const { stem, prompt, say, round } = context;
  const [compare, setCompare] = useState(false);
  const [currentColor, setCurrentColor] = useState(false);
  const queryClient = useQueryClient();
  const ready = optimized.status === "ready" ? optimized.result : null;
  // Asked for only where its answer is shown (which colour becomes currentColor): made for every
  // finished round, it put an SVGR + Babel request on the server beside each round's next step.
  const component = useQuery({ ...componentQuery(ready?.svg ?? "", prompt, currentColor), enabled: ready !== null && currentColor });

  const withComponent = async (then: (tsx: string) => Promise<void> | void) => {
    if (!ready) return;
    try {
      const answer = await queryClient.fetchQuery(componentQuery(ready.svg, prompt, currentColor));
      await then(answer.tsx);
    } catch (e) {
      say({ tone: "error", text: `The React component could not be made: ${(e as Error).message}` });
    }
  };

  return (
    <div className="flex flex-col gap-1.5">
      <p className="text-xs text-slate-700" aria-live="polite">
        <span className="font-medium">Optimized SVG: </span>
        {optimized.status === "working" && "optimizing…"}
        {optimized.status === "on-request" && (
          <>
            {`not made yet for a large SVG (${Math.round(context.svg.length / 1000)} kB). `}
            <button type="button" onClick={optimized.optimize} className="text-sky-700 underline hover:text-sky-900">
              Optimize now
            </button>
          </>
        )}
        {optimized.status === "failed" && <span className="text-red-700">could not optimize ({optimized.message})</span>}
        {ready && (
          <>
            <span className="font-mono tabular-nums">{formatSizeChange(ready.originalBytes, ready.bytes)}</span>
            {" · "}
            {ready.precision === "lossless"
              ? "same picture (0 pixels changed at 200×200)"
              : `${formatChangedShare(ready.changedShare)} of pixels changed at 200×200`}
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          disabled={!ready}
          onClick={() => ready && void copyText(ready.svg, `${roundName(round)}'s optimized SVG`, say, "Download optimized SVG")}
          className={BUTTON}
        >
          Copy optimized SVG
        </button>
        <button type="button" disabled={!ready} onClick={() => ready && downloadFile(`${stem}-optimized.svg`, ready.svg)} className={PRIMARY}>
          Download optimized SVG
        </button>
        <label className="flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} />
          Original and optimized side by side
        </label>
      </div>
      {compare && ready && (
        <div className="flex gap-3" aria-label="Original and optimized">
          {[
            ["Original", ready.original, ready.originalBytes],
            ["Optimized", ready.svg, ready.bytes],
          ].map(([label, svg, bytes]) => (
            <figure key={label as string} className="flex flex-col items-center gap-0.5">
              {/* eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG */}
              <img
                src={svgImageUrl(svg as string)}
                alt={`${label as string} SVG of ${roundName(round)}`}
                width={120}
                height={120}
                className="checkerboard rounded border border-slate-200"
              />
              <figcaption className="text-[11px] text-slate-600">
                {label as string}, {((bytes as number) / 1000).toFixed(1)} kB
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          disabled={!ready}
          onClick={() => void withComponent((tsx) => copyText(tsx, `${roundName(round)}'s React component`, say, "Download React component"))}
          className={BUTTON}
        >
          Copy React component
        </button>
        <button type="button" disabled={!ready} onClick={() => void withComponent((tsx) => downloadFile(`${stem}.tsx`, tsx, "text/plain"))} className={BUTTON}>
          Download React component
        </button>
        <label
          className="flex items-center gap-1 text-xs text-slate-700"
          title={component.data?.replacedColour ? `${component.data.replacedColour} becomes currentColor` : undefined}
        >
          <input type="checkbox" checked={currentColor} onChange={(e) => setCurrentColor(e.target.checked)} />
          currentColor
          {currentColor && component.data?.replacedColour && <span className="font-mono text-slate-600">(for {component.data.replacedColour})</span>}
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <button
          type="button"
          disabled={!ready}
          onClick={() => ready && void copyText(svgDataUri(ready.svg), "the data URI", say, "Download optimized SVG")}
          className={BUTTON}
        >
          Copy data URI
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => ready && void copyText(cssBackground(ready.svg), "the CSS background", say, "Download optimized SVG")}
          className={BUTTON}
        >
          Copy CSS background
        </button>
      </div>
    </div>
  );
}
