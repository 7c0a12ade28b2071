/**
 * A worker thread of the raster pool (raster-pool.ts): rasterizes SVGs as rasterizeSvgNode
 * does in the thread that asks, so validating, sanitizing (jsdom + DOMPurify) and preparing a
 * render block this thread, not the server's or the CLI's event loop. Compiled to
 * dist/raster/raster-worker.js by `npm run build` (scripts/build-cli.mjs).
 */
import { parentPort } from "node:worker_threads";
import { RasterError } from "./raster-contract";
import { rasterizeSvgNode } from "./node";
import type { RasterReply, RasterRequest } from "./raster-pool";

parentPort?.on("message", async ({ id, svg }: RasterRequest) => {
  let reply: RasterReply;
  try {
    reply = { id, ok: true, png: await rasterizeSvgNode(svg) };
  } catch (e) {
    const raster = e instanceof RasterError;
    reply = {
      id,
      ok: false,
      raster,
      message: raster ? e.reason : (e as Error).message,
      position: raster && e.line !== undefined ? { line: e.line, column: e.column ?? 0 } : undefined,
    };
  }
  parentPort?.postMessage(reply);
});
