/**
 * SArena's image match in Node (batch runs, the CLI, the benchmark, the built-in engine's
 * tests): an SVG drawn at 448×448 on white by the studio's Node rasterizer (raster/node: the one
 * raster contract, sanitized, never loading anything), a target picture decoded and brought to
 * the same 448×448 RGB on white, and both measured by lib/metrics/image-similarity.
 *
 * SArena's targets are already 448×448 renders on white; a designer's picture is any size, so it
 * is flattened on white and fitted inside the square, centred, exactly as the SVG's own viewBox
 * is (an SVG traced from the picture has the picture's aspect, and is drawn "meet", centred).
 * An SVG that is missing or cannot be drawn counts as SArena counts it: a pure black image.
 */
import { PNG } from "pngjs";
import sharp from "sharp";
import { renderSvgPng } from "../raster/node";
import { blackImage, imageMatch, SARENA_SIDE, type ImageMatch, type RgbImage, rgbaOnWhite } from "./image-similarity";

/** The SVG as SArena measures it: 448×448 on white, or black when it cannot be drawn. */
export function svgForMatch(svg: string | null | undefined, side: number = SARENA_SIDE): RgbImage {
  if (!svg) return blackImage(side, side);
  let png: Buffer;
  try {
    png = renderSvgPng(svg, { width: side, height: side, background: "white" });
  } catch {
    return blackImage(side, side);
  }
  const decoded = PNG.sync.read(png);
  return rgbaOnWhite(decoded.data, decoded.width, decoded.height);
}

/**
 * A target picture (PNG, JPEG, WebP, GIF bytes) at side×side RGB on white: transparency
 * flattened on white, then fitted inside the square (aspect kept, centred, white around).
 * Rejects when the bytes are not an image sharp can decode. Callers check the header (size,
 * dimensions) first: see lib/http/image-header.
 */
export async function targetForMatch(bytes: Uint8Array, side: number = SARENA_SIDE): Promise<RgbImage> {
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  const { data, info } = await sharp(bytes, { limitInputPixels: 2048 * 2048, animated: false })
    .flatten({ background: white })
    .resize(side, side, { fit: "contain", background: white })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== side || info.height !== side) {
    throw new Error(`the picture decoded as ${info.width}×${info.height} with ${info.channels} channels, not ${side}×${side} RGB`);
  }
  return { width: side, height: side, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** SSIM and PSNR of an SVG against an already prepared target (targetForMatch). */
export function matchSvgToTarget(svg: string | null | undefined, target: RgbImage): ImageMatch {
  return imageMatch(target, svgForMatch(svg, target.width));
}

/** SSIM and PSNR of an SVG against a target picture's bytes, as SArena scores an img2svg answer. */
export async function matchSvgToImage(svg: string | null | undefined, image: Uint8Array): Promise<ImageMatch> {
  return matchSvgToTarget(svg, await targetForMatch(image));
}

/**
 * The loop's MeasurePort in Node: the target (a PNG data URL) prepared once per picture, each
 * round's SVG drawn with resvg. The most recent `keep` targets are kept (a batch runs several
 * items, each with its own picture, at once).
 */
export function createNodeMeasure(keep = 64): (svg: string, targetPng: string) => Promise<ImageMatch> {
  const targets = new Map<string, Promise<RgbImage>>();
  return async (svg, targetPng) => {
    let target = targets.get(targetPng);
    if (!target) {
      target = targetForMatch(Buffer.from(targetPng.slice(targetPng.indexOf(",") + 1), "base64"));
      targets.set(targetPng, target);
      if (targets.size > keep) targets.delete(targets.keys().next().value!);
    }
    return matchSvgToTarget(svg, await target);
  };
}
