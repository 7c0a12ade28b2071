"use client";

import { useSvgImage } from "@/components/studio/use-svg-image";

const SIZES = [16, 24, 32, 48] as const;

/**
 * The icon at the sizes it ships at, where a designer checks that it still reads. Through the
 * same preparation as the round's preview: a big SVG sanitized at once here was the longest task
 * of opening its round (~0.5 s for 500 kB, Chromium's profiler).
 */
export function SmallPreviews({ svg, roundIndex }: { svg: string; roundIndex: number }) {
  const { url } = useSvgImage(svg, false);
  return (
    <figure aria-label="Small sizes" className="flex flex-col gap-1">
      <div className="flex items-end gap-3">
        {SIZES.map((size) => (
          <div key={size} className="flex flex-col items-center gap-0.5">
            {url ? (
              // eslint-disable-next-line @next/next/no-img-element -- a data URL of sanitized SVG
              <img src={url} width={size} height={size} alt={`Round ${roundIndex} at ${size} px`} className="border border-dashed border-slate-200" />
            ) : (
              <span aria-hidden="true" style={{ width: size, height: size }} className="border border-dashed border-slate-200" />
            )}
            <span className="text-[10px] text-slate-600">{size}</span>
          </div>
        ))}
      </div>
      <figcaption className="text-[11px] text-slate-600">Small sizes (px)</figcaption>
    </figure>
  );
}
