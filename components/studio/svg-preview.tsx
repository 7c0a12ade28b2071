"use client";

import { useMemo } from "react";
import { closePartialSvg } from "@/lib/svg/close-partial-svg";
import { extractSvg } from "@/lib/svg/extract-svg";
import { useSvgImage } from "./use-svg-image";
import { useFrameValue } from "./use-frame-clock";

interface SvgPreviewProps {
  /** Raw model text or a finished SVG. */
  source: string;
  streaming: boolean;
  label: string;
  size?: number;
  background?: "checkerboard" | "white";
  className?: string;
}

/**
 * Untrusted SVG shown as an <img> (no script runs, nothing loads). While streaming, frames are
 * throttled, partial documents are closed, and a frame that does not parse keeps the last good one.
 */
export function SvgPreview({ source, streaming, label, size = 176, background = "checkerboard", className = "" }: SvgPreviewProps) {
  // Each frame is closed, validated and sanitized: four a second keeps a big stream smooth, and
  // every preview of the same stream takes the same frame (use-frame-clock.ts).
  const throttled = useFrameValue(source, streaming);
  const candidate = useMemo(() => (streaming ? closePartialSvg(throttled) : extractWhole(throttled)), [throttled, streaming]);
  const { url, preparing } = useSvgImage(candidate, streaming);

  return (
    <div
      className={`${background === "white" ? "bg-white" : "checkerboard"} flex items-center justify-center overflow-hidden rounded border border-slate-200 ${className}`}
      style={{ width: size, height: size }}
    >
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG; next/image adds nothing here
        <img src={url} alt={label} width={size} height={size} className="h-full w-full object-contain" />
      ) : (
        <span className="px-2 text-center text-xs text-slate-600">
          {preparing ? "Preparing the preview…" : streaming ? "Waiting for the first shapes…" : "No preview"}
        </span>
      )}
    </div>
  );
}

/** A finished text: the extracted SVG, or what a truncated one shows once its tags are closed. */
function extractWhole(text: string): string | null {
  const extraction = extractSvg(text);
  if (extraction.status === "missing") return null;
  return extraction.status === "ok" ? extraction.svg : closePartialSvg(extraction.svg);
}
