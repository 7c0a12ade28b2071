/**
 * Optimized SVG: the sanitized document through SVGO, sanitized again, so the file never
 * brings back what the sanitizer removed (SVGO is not a sanitizer and is not asked to be). At
 * the default ("lossless"), the result is checked by rendering both at 200×200 on white: no
 * pixel may differ by more than 2/255, or the next, more careful rung is tried (svgo-config.ts),
 * down to the sanitized original itself. At a chosen precision, the share of changed pixels is
 * measured and reported instead. Platform parts (SVGO build, sanitizer, rasterizer) are ports.
 */
import { LOSSLESS_LADDER, precisionConfig, type SvgoOptimize, type SvgoOptimizeAsync, type SvgPrecision } from "./svgo-config";
import { diffPixels } from "../raster/pixel-diff";

/** What the check allows: a change of at most this much (of 255) per channel is the same pixel. */
export const LOSSLESS_TOLERANCE = 2;
/** The size the check renders at: the critic's. */
export const CHECK_SIZE = 200;

export interface OptimizePorts {
  optimize: SvgoOptimize | SvgoOptimizeAsync;
  /** The sanitizer, then the rasterizers' removal of every external reference (raster-contract.ts): the file is as inert as what is drawn. */
  sanitize: (svg: string) => string;
  /** RGBA pixels of the SVG at CHECK_SIZE × CHECK_SIZE on white. */
  pixels: (svg: string) => Promise<ArrayLike<number>>;
}

export interface OptimizedSvg {
  /** The sanitized original: what Download SVG gives. */
  original: string;
  svg: string;
  originalBytes: number;
  bytes: number;
  precision: SvgPrecision;
  /** Pixels (of CHECK_SIZE²) that differ by more than LOSSLESS_TOLERANCE, and their share. */
  changedPixels: number;
  changedShare: number;
}

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

async function tryConfig(clean: string, config: Parameters<SvgoOptimize>[1], ports: OptimizePorts): Promise<string | null> {
  try {
    const out = ports.sanitize((await ports.optimize(clean, config)).data);
    return /^\s*<(?:[\w.-]+:)?svg\b/.test(out) ? out : null;
  } catch {
    // SVGO refuses a few documents the sanitizer passes (it is stricter about some XML): the
    // original then stands.
    return null;
  }
}

export async function optimizeSvg(svg: string, precision: SvgPrecision, ports: OptimizePorts): Promise<OptimizedSvg> {
  const original = ports.sanitize(svg);
  const originalBytes = byteLength(original);
  const reference = await ports.pixels(original);
  const changedIn = async (candidate: string) =>
    diffPixels(reference, await ports.pixels(candidate), CHECK_SIZE, CHECK_SIZE, { tolerance: LOSSLESS_TOLERANCE }).changed;
  const result = (out: string, changedPixels: number): OptimizedSvg => ({
    original,
    svg: out,
    originalBytes,
    bytes: byteLength(out),
    precision,
    changedPixels,
    changedShare: changedPixels / (CHECK_SIZE * CHECK_SIZE),
  });

  if (precision !== "lossless") {
    const out = (await tryConfig(original, precisionConfig(precision), ports)) ?? original;
    return result(out, out === original ? 0 : await changedIn(out));
  }
  for (const config of LOSSLESS_LADDER) {
    const out = await tryConfig(original, config, ports);
    if (out === null || byteLength(out) >= originalBytes) continue;
    if ((await changedIn(out)) === 0) return result(out, 0);
  }
  return result(original, 0);
}

/** "1.9 kB → 0.8 kB (−58%)": sizes in kB (1,000 bytes) of UTF-8. */
export function formatSizeChange(before: number, after: number): string {
  const kb = (bytes: number) => `${bytes < 100_000 ? (bytes / 1000).toFixed(1) : Math.round(bytes / 1000)} kB`;
  const percent = before === 0 ? 0 : Math.round(((after - before) / before) * 100);
  const sign = percent < 0 ? "−" : percent > 0 ? "+" : "±";
  return `${kb(before)} → ${kb(after)} (${sign}${Math.abs(percent)}%)`;
}
