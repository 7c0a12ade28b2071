/** optimizeSvg in Node (batch icon sets, the React component route, tests): SVGO's Node build, jsdom's sanitizer, resvg. */
import { PNG } from "pngjs";
import { optimize } from "svgo";
import { renderSvgPng } from "../raster/node";
import { neutralizeExternalReferences } from "../raster/raster-contract";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";
import { CHECK_SIZE, optimizeSvg, type OptimizedSvg, type OptimizePorts } from "./optimize-svg";
import type { SvgPrecision } from "./svgo-config";

export const nodeOptimizePorts: OptimizePorts = {
  optimize,
  sanitize: (svg) => neutralizeExternalReferences(sanitizeSvgInNode(svg)),
  pixels: async (svg) => PNG.sync.read(renderSvgPng(svg, { width: CHECK_SIZE, height: CHECK_SIZE })).data,
};

export function optimizeSvgInNode(svg: string, precision: SvgPrecision = "lossless"): Promise<OptimizedSvg> {
  return optimizeSvg(svg, precision, nodeOptimizePorts);
}
