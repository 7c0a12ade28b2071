/**
 * The batch runner's rasterizer in Node: resvg, 200×200 on white, as the critic sees it. The one
 * place that adapts lib/raster/node to the RasterizePort, so a change of its signature is a
 * change of this line alone.
 */
import type { RasterizePort } from "../loop/loop-ports";
import { rasterizeSvgNode } from "../raster/node";

export const nodeRasterize: RasterizePort = (svg) => rasterizeSvgNode(svg);
