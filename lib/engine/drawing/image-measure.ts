/**
 * Measurements on a rendered drawing (the PNG the critic receives, or the refiner's own render
 * of a draft): how much is drawn, where its bounding box sits, whether it touches or crosses
 * the canvas edge, and which colour families it uses. Geometry is in fractions of the canvas
 * so any image size works; colours are classified perceptually (see colour-words.ts).
 */
import { PNG } from "pngjs";
import { PngCheckError, readPngHeader } from "../../http/png";
import { classifyRgb, type ColourFamily } from "../vocabulary/colour-words";

export interface Rgba {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, alpha already composited over white. */
  data: Uint8Array;
}

export class ImageDecodeError extends Error {
  constructor(
    message: string,
    /** A readable PNG, only larger than the engine reads (a 413 rather than a 400). */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * Decodes a PNG and composites it over white (the canvas colour the critic assumes). Its header
 * is checked first (at most 2048×2048): a decompression bomb is refused before it is inflated.
 */
export function decodePng(png: Uint8Array): Rgba {
  try {
    readPngHeader(png);
  } catch (e) {
    if (e instanceof PngCheckError) throw new ImageDecodeError(`The image is not an acceptable PNG: ${e.message}.`, e.tooLarge);
    throw e;
  }
  let img: PNG;
  try {
    img = PNG.sync.read(Buffer.from(png));
  } catch (e) {
    throw new ImageDecodeError(`The image is not a readable PNG: ${(e as Error).message}`);
  }
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < img.data.length; i += 4) {
    const a = img.data[i + 3] / 255;
    data[i] = Math.round(img.data[i] * a + 255 * (1 - a));
    data[i + 1] = Math.round(img.data[i + 1] * a + 255 * (1 - a));
    data[i + 2] = Math.round(img.data[i + 2] * a + 255 * (1 - a));
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/** `data:image/png;base64,…` → pixels. Anything else is refused (the engine never fetches). */
export function decodeImageDataUrl(url: string): Rgba {
  const m = /^data:image\/png(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(url.trim());
  if (!m) {
    if (/^data:/i.test(url)) throw new ImageDecodeError("Only base64 PNG data URLs (data:image/png;base64,…) are supported.");
    throw new ImageDecodeError("Only data URLs are accepted for images; the built-in engine never fetches a URL.");
  }
  return decodePng(Buffer.from(m[1].replace(/\s+/g, ""), "base64"));
}

export type Edge = "top" | "right" | "bottom" | "left";

export interface ImageMeasure {
  width: number;
  height: number;
  /** Colour of the canvas behind the drawing: white, or a full-bleed background. */
  background: [number, number, number];
  fullBleed: boolean;
  /** Share of the canvas that differs from the background. */
  inkFraction: number;
  /** Bounding box of the ink in canvas fractions [0, 1], or null when nothing is drawn. */
  bbox: { x0: number; y0: number; x1: number; y1: number } | null;
  /** Larger side of the bounding box, as a fraction of the canvas. */
  size: number;
  /** Bounding-box centre minus canvas centre, in canvas fractions (+x right, +y down). */
  offset: { dx: number; dy: number };
  /** Smallest distance from the bounding box to an edge, as a fraction of the canvas. */
  margin: number;
  /** Edges where the drawing runs off the canvas (ink on the outermost pixel line). */
  clipped: Edge[];
  /** Ink pixels per colour family, over every non-white pixel (full-bleed backgrounds count). */
  families: Partial<Record<ColourFamily, number>>;
  paintedPixels: number;
  /**
   * Share of the ink that lies inside solid areas: ink pixels whose whole square neighbourhood
   * (side about a tenth of the drawing) is ink. Strokes, however bold, leave almost none; filled
   * shapes most. 0 when nothing is drawn.
   */
  solidFraction: number;
}

const INK_THRESHOLD = 24;

function differs(d: Uint8Array, i: number, bg: [number, number, number]): boolean {
  return Math.max(Math.abs(d[i] - bg[0]), Math.abs(d[i + 1] - bg[1]), Math.abs(d[i + 2] - bg[2])) > INK_THRESHOLD;
}

function detectBackground(img: Rgba): { colour: [number, number, number]; fullBleed: boolean } {
  const { width: w, height: h, data } = img;
  const ring: number[] = [];
  for (let x = 0; x < w; x++) ring.push((0 * w + x) * 4, ((h - 1) * w + x) * 4);
  for (let y = 1; y < h - 1; y++) ring.push((y * w + 0) * 4, (y * w + w - 1) * 4);
  const counts = new Map<number, number>();
  for (const i of ring) {
    const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bestKey = -1;
  let best = 0;
  for (const [k, n] of counts) if (n > best) [bestKey, best] = [k, n];
  const white: [number, number, number] = [255, 255, 255];
  if (best < ring.length * 0.85) return { colour: white, fullBleed: false };
  const i = ring.find((j) => (((data[j] >> 3) << 10) | ((data[j + 1] >> 3) << 5) | (data[j + 2] >> 3)) === bestKey)!;
  const colour: [number, number, number] = [data[i], data[i + 1], data[i + 2]];
  if (!differs(data, i, white)) return { colour: white, fullBleed: false };
  return { colour, fullBleed: true };
}

export function measureImage(img: Rgba): ImageMeasure {
  const { width: w, height: h, data } = img;
  const { colour: bg, fullBleed } = detectBackground(img);
  const white: [number, number, number] = [255, 255, 255];
  let ink = 0;
  let painted = 0;
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  const edgeInk = { top: 0, right: 0, bottom: 0, left: 0 };
  const families: Partial<Record<ColourFamily, number>> = {};
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (differs(data, i, white)) {
        painted += 1;
        const f = classifyRgb(data[i], data[i + 1], data[i + 2]);
        families[f] = (families[f] ?? 0) + 1;
      }
      if (!differs(data, i, bg)) continue;
      ink += 1;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (y === 0) edgeInk.top += 1;
      if (y === h - 1) edgeInk.bottom += 1;
      if (x === 0) edgeInk.left += 1;
      if (x === w - 1) edgeInk.right += 1;
    }
  }
  if (ink === 0) {
    return {
      width: w,
      height: h,
      background: bg,
      fullBleed,
      inkFraction: 0,
      bbox: null,
      size: 0,
      offset: { dx: 0, dy: 0 },
      margin: 0.5,
      clipped: [],
      families,
      paintedPixels: painted,
      solidFraction: 0,
    };
  }
  const bbox = { x0: x0 / w, y0: y0 / h, x1: (x1 + 1) / w, y1: (y1 + 1) / h };
  const minRun = (n: number) => Math.max(2, Math.round(n * 0.01));
  const clipped: Edge[] = [];
  if (edgeInk.top >= minRun(w)) clipped.push("top");
  if (edgeInk.right >= minRun(h)) clipped.push("right");
  if (edgeInk.bottom >= minRun(w)) clipped.push("bottom");
  if (edgeInk.left >= minRun(h)) clipped.push("left");
  return {
    width: w,
    height: h,
    background: bg,
    fullBleed,
    inkFraction: ink / (w * h),
    bbox,
    size: Math.max(bbox.x1 - bbox.x0, bbox.y1 - bbox.y0),
    offset: { dx: (bbox.x0 + bbox.x1) / 2 - 0.5, dy: (bbox.y0 + bbox.y1) / 2 - 0.5 },
    margin: Math.min(bbox.x0, bbox.y0, 1 - bbox.x1, 1 - bbox.y1),
    clipped,
    families,
    paintedPixels: painted,
    solidFraction: solidShare(img, bg, ink, Math.max(1, Math.round(0.05 * Math.max(x1 - x0 + 1, y1 - y0 + 1)))),
  };
}

/** Share of the `ink` pixels whose (2r+1)² square is all ink (a summed-area table over the ink mask). */
function solidShare(img: Rgba, bg: [number, number, number], ink: number, r: number): number {
  const { width: w, height: h, data } = img;
  const W = w + 1;
  const sums = new Int32Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += differs(data, (y * w + x) * 4, bg) ? 1 : 0;
      sums[(y + 1) * W + x + 1] = sums[y * W + x + 1] + row;
    }
  }
  const full = (2 * r + 1) ** 2;
  let solid = 0;
  for (let y = r; y < h - r; y++) {
    for (let x = r; x < w - r; x++) {
      const a = sums[(y - r) * W + (x - r)],
        b = sums[(y - r) * W + (x + r + 1)];
      const c = sums[(y + r + 1) * W + (x - r)],
        d = sums[(y + r + 1) * W + (x + r + 1)];
      if (d - b - c + a === full) solid += 1;
    }
  }
  return ink > 0 ? solid / ink : 0;
}

/** Share of painted pixels whose family is one of `accepts` (0 when nothing is painted). */
export function colourShare(m: ImageMeasure, accepts: readonly ColourFamily[]): number {
  if (m.paintedPixels === 0) return 0;
  let n = 0;
  for (const f of accepts) n += m.families[f] ?? 0;
  return n / m.paintedPixels;
}

/** The most used colour families, largest first, with their share of painted pixels. */
export function dominantFamilies(m: ImageMeasure, limit = 3): { family: ColourFamily; share: number }[] {
  return (Object.entries(m.families) as [ColourFamily, number][])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([family, n]) => ({ family, share: m.paintedPixels ? n / m.paintedPixels : 0 }));
}
