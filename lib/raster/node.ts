/**
 * The Node implementation of the rasterize port (batch runs, the CLI, the built-in engine's
 * tests): resvg renders without a browser, runs no script and loads no external resource.
 */
import { Resvg } from "@resvg/resvg-js";
import { RASTER } from "../introsvg/sampling";
import { prepareForRaster } from "../svg/prepare-for-raster";

export interface NodeRaster {
  png: Buffer;
  dataUrl: string;
}

export function rasterizeSvgNode(svg: string, width: number = RASTER.width, height: number = RASTER.height): NodeRaster {
  const resvg = new Resvg(prepareForRaster(svg, width, height), {
    background: RASTER.background,
    fitTo: { mode: "width", value: width },
    font: { loadSystemFonts: false },
  });
  const png = resvg.render().asPng();
  return { png, dataUrl: `data:image/png;base64,${png.toString("base64")}` };
}
