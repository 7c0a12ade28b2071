/**
 * SArena's image match in the browser, for the studio's rounds: the round's SVG drawn at
 * 448×448 on white by the browser rasterizer (the one raster contract), the target picture
 * drawn into the same square (fitted, centred, on white: as node-image-match does), and both
 * measured by image-similarity. The canvas draws a little differently from resvg, so a round's
 * figure in the studio can differ from the batch's in the third decimal.
 */
import { rasterizeSvgInBrowser } from "../raster/browser";
import { blackImage, imageMatch, rgbaOnWhite, SARENA_SIDE, type ImageMatch, type RgbImage } from "./image-similarity";

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

function square(): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const canvas = document.createElement("canvas");
  canvas.width = SARENA_SIDE;
  canvas.height = SARENA_SIDE;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2D canvas is available");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, SARENA_SIDE, SARENA_SIDE);
  return { canvas, context };
}

const read = (context: CanvasRenderingContext2D): RgbImage => rgbaOnWhite(context.getImageData(0, 0, SARENA_SIDE, SARENA_SIDE).data, SARENA_SIDE, SARENA_SIDE);

const targets = new Map<string, Promise<RgbImage>>();

/** The target at 448×448 RGB on white, fitted and centred (kept for the session's rounds). */
export function targetInBrowser(png: string): Promise<RgbImage> {
  let hit = targets.get(png);
  if (!hit) {
    hit = loadImage(png).then((image) => {
      const { context } = square();
      const scale = Math.min(SARENA_SIDE / image.naturalWidth, SARENA_SIDE / image.naturalHeight);
      const w = image.naturalWidth * scale;
      const h = image.naturalHeight * scale;
      context.drawImage(image, (SARENA_SIDE - w) / 2, (SARENA_SIDE - h) / 2, w, h);
      return read(context);
    });
    hit.catch(() => targets.delete(png));
    targets.clear(); // one session's target at a time
    targets.set(png, hit);
  }
  return hit;
}

/** The SVG at 448×448 on white, or SArena's black image when it cannot be drawn. */
async function svgInBrowser(svg: string): Promise<RgbImage> {
  let url: string;
  try {
    url = await rasterizeSvgInBrowser(svg, { width: SARENA_SIDE, height: SARENA_SIDE, background: "#ffffff" });
  } catch {
    return blackImage();
  }
  const { context } = square();
  context.drawImage(await loadImage(url), 0, 0);
  return read(context);
}

/** The MeasurePort in the browser. */
export async function measureInBrowser(svg: string, targetPng: string): Promise<ImageMatch> {
  const [target, drawn] = await Promise.all([targetInBrowser(targetPng), svgInBrowser(svg)]);
  return imageMatch(target, drawn);
}
