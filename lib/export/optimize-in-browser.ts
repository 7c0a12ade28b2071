/**
 * optimizeSvg in the tab: SVGO's browser build in a worker (svgo-worker.ts; 564 kB minified,
 * 166 kB gzipped, fetched when an Export region first needs it, never with the page), the
 * page's sanitizer, and the canvas rasterizer for the check.
 */
import { svgPixelsInBrowser } from "../raster/browser";
import { neutralizeExternalReferences } from "../raster/raster-contract";
import { sanitizeSvgInBrowser } from "../svg/sanitize-in-browser";
import { CHECK_SIZE, optimizeSvg, type OptimizedSvg, type OptimizePorts } from "./optimize-svg";
import type { SvgoOptimizeAsync, SvgPrecision } from "./svgo-config";
import type { SvgoRequest, SvgoResponse } from "./svgo-worker-contract";

let worker: Worker | null = null;
let sequence = 0;
const waiting = new Map<number, { resolve: (out: { data: string }) => void; reject: (e: Error) => void }>();

function svgoWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL("./svgo-worker.ts", import.meta.url), { type: "module" });
  started.onmessage = (event: MessageEvent<SvgoResponse>) => {
    const answer = event.data;
    const job = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (!job) return;
    if ("error" in answer) job.reject(new Error(answer.error));
    else job.resolve({ data: answer.data });
  };
  started.onerror = (event) => {
    // A worker that failed to load (a chunk that did not arrive) fails what it holds; the next
    // request starts a new one.
    event.preventDefault();
    for (const job of waiting.values()) job.reject(new Error("The optimizer could not start."));
    waiting.clear();
    started.terminate();
    if (worker === started) worker = null;
  };
  worker = started;
  return started;
}

/** SVGO's optimize(), run off the page's thread. */
const optimizeInWorker: SvgoOptimizeAsync = (svg, config) =>
  new Promise((resolve, reject) => {
    const id = ++sequence;
    waiting.set(id, { resolve, reject });
    svgoWorker().postMessage({ id, svg, config: config ?? {} } satisfies SvgoRequest);
  });

/** The sanitizer the export applies in the tab: DOMPurify, then no external reference at all. */
export const cleanSvgInBrowser = (svg: string): string => neutralizeExternalReferences(sanitizeSvgInBrowser(svg));

export async function optimizeSvgInBrowser(svg: string, precision: SvgPrecision): Promise<OptimizedSvg> {
  const ports: OptimizePorts = {
    optimize: optimizeInWorker,
    sanitize: cleanSvgInBrowser,
    pixels: (doc) => svgPixelsInBrowser(doc, { width: CHECK_SIZE, height: CHECK_SIZE }),
  };
  return optimizeSvg(svg, precision, ports);
}
