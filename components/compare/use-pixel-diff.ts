"use client";

import { useEffect, useState } from "react";
import { RASTER } from "@/lib/introsvg/sampling";
import { diffPixels } from "@/lib/raster/pixel-diff";

export type PixelDiffState =
  { status: "waiting" } | { status: "ready"; url: string; share: number; changed: number; total: number } | { status: "failed"; message: string };

/**
 * Decodes a PNG data URL and reads its pixels at the critic's size, on white: a critic image is
 * already that size; a target picture of another shape is fitted and centred, as the image
 * match measures it (lib/metrics/browser-image-match).
 */
async function pixelsOf(pngUrl: string, width: number, height: number): Promise<Uint8ClampedArray> {
  const image = new Image();
  image.src = pngUrl;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2D canvas is available");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  const scale = Math.min(width / image.naturalWidth, height / image.naturalHeight);
  const w = image.naturalWidth * scale;
  const h = image.naturalHeight * scale;
  context.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
  return context.getImageData(0, 0, width, height).data;
}

/**
 * The pixel difference of two PNGs (data URLs: critic images, or one against the target picture), computed in the browser: both are
 * decoded onto 200×200 canvases, compared by the pure diffPixels, and the highlight image is
 * drawn back to a PNG data URL. Null inputs wait.
 */
export function usePixelDiff(leftPng: string | null, rightPng: string | null): PixelDiffState {
  const [result, setResult] = useState<{ left: string; right: string; state: PixelDiffState } | null>(null);

  useEffect(() => {
    if (!leftPng || !rightPng) return;
    let cancelled = false;
    const { width, height } = RASTER;
    Promise.all([pixelsOf(leftPng, width, height), pixelsOf(rightPng, width, height)])
      .then(([left, right]) => {
        const diff = diffPixels(left, right, width, height);
        const canvas = document.createElement("canvas");
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext("2d");
        if (!context) throw new Error("no 2D canvas is available");
        const pixels = context.createImageData(width, height);
        pixels.data.set(diff.image);
        context.putImageData(pixels, 0, 0);
        return { status: "ready", url: canvas.toDataURL("image/png"), share: diff.share, changed: diff.changed, total: diff.total } as const;
      })
      .catch((e: unknown) => ({ status: "failed", message: `The critic images could not be compared: ${(e as Error).message}` }) as const)
      .then((state) => {
        if (!cancelled) setResult({ left: leftPng, right: rightPng, state });
      });
    return () => {
      cancelled = true;
    };
  }, [leftPng, rightPng]);

  return result && result.left === leftPng && result.right === rightPng ? result.state : { status: "waiting" };
}
