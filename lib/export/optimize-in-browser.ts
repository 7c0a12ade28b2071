/**
 * optimizeSvg in the tab: SVGO's browser build, loaded on first use (564 kB minified, 166 kB
 * gzipped: a chunk of its own, fetched when an Export region first needs it, never with the
 * page), the page's sanitizer, and the canvas rasterizer for the check.
 */
import { svgPixelsInBrowser } from "../raster/browser";
import { neutralizeExternalReferences } from "../raster/raster-contract";
import { sanitizeSvgInBrowser } from "../svg/sanitize-in-browser";
import { CHECK_SIZE, optimizeSvg, type OptimizedSvg, type OptimizePorts } from "./optimize-svg";
import type { SvgoOptimize, SvgPrecision } from "./svgo-config";

let svgo: Promise<SvgoOptimize> | null = null;

function loadSvgo(): Promise<SvgoOptimize> {
  svgo ??= import("svgo/browser")
    .then((m) => m.optimize)
    .catch((e: unknown) => {
      svgo = null; // a failed chunk load may succeed later
      throw e;
    });
  return svgo;
}

/** The sanitizer the export applies in the tab: DOMPurify, then no external reference at all. */
export const cleanSvgInBrowser = (svg: string): string => neutralizeExternalReferences(sanitizeSvgInBrowser(svg));

export async function optimizeSvgInBrowser(svg: string, precision: SvgPrecision): Promise<OptimizedSvg> {
  const ports: OptimizePorts = {
    optimize: await loadSvgo(),
    sanitize: cleanSvgInBrowser,
    pixels: (doc) => svgPixelsInBrowser(doc, { width: CHECK_SIZE, height: CHECK_SIZE }),
  };
  return optimizeSvg(svg, precision, ports);
}
