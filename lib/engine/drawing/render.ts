/**
 * The engine's own eyes: renders an SVG exactly as the studio sends it to the critic
 * (renderSvgPng: the rasterize contract's pipeline, 200×200 on white) and measures it, and finds the full extent of a drawing
 * including whatever lies beyond the canvas edge (by rendering a 3× wider window).
 */
import { renderSvgPng } from "../../raster/node";
import { decodePng, measureImage, type ImageMeasure } from "./image-measure";
import { CANVAS, withViewBox } from "./svg-document";

export function renderAndMeasure(svg: string): ImageMeasure {
  return measureImage(decodePng(renderSvgPng(svg)));
}

export interface Extent {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const WINDOW: [number, number, number, number] = [-CANVAS, -CANVAS, CANVAS * 3, CANVAS * 3];
const WINDOW_PX = 360;

/** Bounding box of everything drawn, in canvas units (may extend past 0…200), or null. */
export function drawingExtent(svg: string): Extent | null {
  const wide = withViewBox(svg, WINDOW);
  const m = measureImage(decodePng(renderSvgPng(wide, { width: WINDOW_PX, height: WINDOW_PX })));
  if (!m.bbox || m.fullBleed) return m.fullBleed ? { x0: 0, y0: 0, x1: CANVAS, y1: CANVAS } : null;
  const [wx, wy, ww, wh] = WINDOW;
  return { x0: wx + m.bbox.x0 * ww, y0: wy + m.bbox.y0 * wh, x1: wx + m.bbox.x1 * ww, y1: wy + m.bbox.y1 * wh };
}
