/**
 * The batch runner's rasterizer in Node: resvg, 200×200 on white, as the critic sees it. The one
 * place that adapts lib/raster/node to the RasterizePort, so a change of its signature is a
 * change of this file alone.
 *
 * Where the compiled worker exists it renders in worker threads (lib/raster/raster-pool.ts),
 * off the event loop (lib/config/compiled-workers.ts says which: the compiled command-line
 * tools' and the production server's). Elsewhere (tests, `next dev`) it renders in this thread,
 * loading the renderer (jsdom, resvg) on first use only.
 */
import os from "node:os";
import { compiledWorkerScript } from "../config/compiled-workers";
import type { RasterizePort } from "../loop/loop-ports";
import { createRasterPool, type RasterPool } from "../raster/raster-pool";

/**
 * Worker threads: as many as cores, two at least, four at most. A batch's items move in step, so
 * a round's renders arrive together; with one worker on two cores 24 items' renders queued
 * behind each other (~11 ms each) while the event loop, which mostly waits on the network,
 * had a core to spare.
 */
export function rasterPoolSize(cores = os.availableParallelism()): number {
  return Math.min(4, Math.max(2, cores));
}

// One pool per process, shared by every bundle that loads this module (Next.js may load it more than once).
const KEY = Symbol.for("introsvg-studio.raster-pool");
type WithPool = typeof globalThis & { [KEY]?: RasterPool | null };

function pool(): RasterPool | null {
  const g = globalThis as WithPool;
  if (g[KEY] === undefined) {
    // No compiled worker: render in this thread.
    const script = compiledWorkerScript("raster");
    g[KEY] = script ? createRasterPool({ script, size: rasterPoolSize() }) : null;
  }
  return g[KEY];
}

/**
 * Starts the render workers now: each loads jsdom and resvg as it starts (about a second on a
 * busy machine), which then overlaps the first draft instead of delaying its render.
 */
export function warmNodeRasterize(): void {
  pool()?.warm();
}

export const nodeRasterize: RasterizePort = async (svg) => {
  const workers = pool();
  if (workers) return workers.rasterize(svg);
  const { rasterizeSvgNode } = await import("../raster/node");
  return rasterizeSvgNode(svg);
};
