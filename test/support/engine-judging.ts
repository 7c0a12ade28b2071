/** Helpers shared by the engine's tests: render an SVG and judge it like the critic does. */
import { renderSvgPng } from "../../lib/raster/node";
import { assessImage, type Assessment } from "../../lib/engine/critic/critic";
import { decodePng, measureImage, type ImageMeasure } from "../../lib/engine/drawing/image-measure";

export function renderMeasure(svg: string): ImageMeasure {
  return measureImage(decodePng(renderSvgPng(svg)));
}

export function judge(svg: string, prompt: string): Assessment {
  return assessImage(decodePng(renderSvgPng(svg)), prompt);
}

export const svg200 = (content: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">${content}</svg>`;
