/** PNG bytes of an SVG for the benchmark's fixtures, through the Node rasterizer the loop uses. */
import { rasterizeSvgNode } from "../../lib/raster/node";

export async function renderSvgPng(svg: string): Promise<Buffer> {
  const dataUrl = await Promise.resolve(rasterizeSvgNode(svg)).then((r) => (typeof r === "string" ? r : r.dataUrl));
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}
