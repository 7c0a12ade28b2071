/** PNG bytes of an SVG for the benchmark's fixtures, through the Node rasterizer the loop uses. */
import { renderSvgPng as render } from "../../lib/raster/node";

export async function renderSvgPng(svg: string): Promise<Buffer> {
  return Buffer.from(render(svg));
}
