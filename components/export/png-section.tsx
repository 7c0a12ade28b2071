"use client";

import { useId, useState } from "react";
import { downloadFile } from "@/lib/clients/download-file";
import { FAVICON_FILES, PNG_BASE_SIZES, PNG_SCALES, faviconZip, pngZip, scaledPngName, type PngScale } from "@/lib/export/png-sets";
import { BUTTON, SELECT } from "./export-buttons";
import { pngBytes, type ExportContext } from "./export-panel";
import type { OptimizedState } from "./use-optimized-svg";

const ZIP = "application/zip";

/** PNG at a chosen size and scale (transparent), all three scales, and the favicon set. */
export function PngSection({ context, optimized }: { context: ExportContext; optimized: OptimizedState }) {
  const { svg, stem, say } = context;
  const [size, setSize] = useState<number>(512);
  const [scale, setScale] = useState<PngScale>(1);
  const [busy, setBusy] = useState(false);
  const ids = { size: useId(), scale: useId() };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      say(null);
    } catch (e) {
      say({ tone: "error", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const downloadPng = () =>
    run(async () =>
      downloadFile(scaledPngName(stem, size, scale), new Blob([(await pngBytes(svg, size * scale)) as Uint8Array<ArrayBuffer>], { type: "image/png" })),
    );
  const downloadScales = () =>
    run(async () => {
      const files: Record<string, Uint8Array> = {};
      for (const s of PNG_SCALES) files[scaledPngName(stem, size, s)] = await pngBytes(svg, size * s);
      downloadFile(`${stem}-${size}-1x-2x-3x.zip`, new Blob([(await pngZip(files)) as Uint8Array<ArrayBuffer>], { type: ZIP }));
    });
  const downloadFavicons = () =>
    run(async () => {
      const files: Record<string, Uint8Array> = {};
      for (const f of FAVICON_FILES) files[f.name] = await pngBytes(svg, f.size);
      const icon = optimized.status === "ready" ? optimized.result.svg : context.svg;
      downloadFile(`${stem}-favicons.zip`, new Blob([(await faviconZip(files, icon)) as Uint8Array<ArrayBuffer>], { type: ZIP }));
    });

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <label htmlFor={ids.size} className="sr-only">
        PNG size
      </label>
      <select id={ids.size} value={size} onChange={(e) => setSize(Number(e.target.value))} className={SELECT}>
        {PNG_BASE_SIZES.map((s) => (
          <option key={s} value={s}>
            {s}×{s}
          </option>
        ))}
      </select>
      <label htmlFor={ids.scale} className="sr-only">
        PNG scale
      </label>
      <select id={ids.scale} value={scale} onChange={(e) => setScale(Number(e.target.value) as PngScale)} className={SELECT}>
        {PNG_SCALES.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button type="button" disabled={busy} onClick={() => void downloadPng()} className={BUTTON}>
        Download PNG
      </button>
      <button type="button" disabled={busy} onClick={() => void downloadScales()} className={BUTTON}>
        Download 1×, 2×, 3×
      </button>
      <button type="button" disabled={busy} onClick={() => void downloadFavicons()} className={BUTTON}>
        Download favicon set
      </button>
    </div>
  );
}
