"use client";

import { useMemo } from "react";
import type { Round } from "@/lib/loop/loop-types";
import { roundPicture } from "@/lib/loop/round-compare";
import { svgDocumentOf } from "@/lib/svg/svg-diff-format";
import { useSvgImage } from "../studio/use-svg-image";
import { useFrameValue } from "../studio/use-frame-clock";

interface RoundImageProps {
  round: Round;
  streaming: boolean;
  alt: string;
  className?: string;
}

/**
 * A round's drawing filling its box, shown as an <img> of sanitized SVG (never live DOM). A
 * streaming or cut-off round shows what has arrived (frames throttled; a frame that does not
 * parse keeps the last good one); a round without SVG says why.
 */
export function RoundImage({ round, streaming, alt, className = "" }: RoundImageProps) {
  const picture = roundPicture(round, streaming);
  // On the page's one frame clock, as the round card and the editor show the same stream.
  const throttled = useFrameValue(picture.source ?? "", streaming);
  const svg = useMemo(() => (throttled ? svgDocumentOf(throttled) : null), [throttled]);
  const { url, preparing } = useSvgImage(svg, streaming);

  if (!url) {
    return (
      <div className={`flex items-center justify-center p-3 text-center text-sm text-slate-700 ${className}`}>
        {picture.source === null
          ? picture.reason
          : preparing
            ? "Preparing the picture…"
            : streaming
              ? "Waiting for the first shapes…"
              : "This SVG cannot be shown: it is not well-formed."}
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG; next/image adds nothing here
  return <img src={url} alt={alt} draggable={false} className={`h-full w-full object-contain ${className}`} />;
}
