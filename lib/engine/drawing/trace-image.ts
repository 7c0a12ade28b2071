/**
 * Image to SVG for the built-in engine: the picture is traced by imagetracerjs (a colour
 * tracer made for this: palette quantization, edge paths, line and quadratic-spline fitting)
 * with a palette taken from the picture itself, so the SVG wears the picture's own colours.
 * The result is one <path> per colour (its traced shapes and holes joined), drawn in the
 * library's layer order, with the white background left out (the SVG is drawn on white), in
 * whole-pixel coordinates of the traced image (viewBox = its size, at most TRACE_MAX_SIDE; the
 * aspect is the picture's), compact path data.
 *
 * `detail` 0 is the first draft; a refinement against the picture asks for a finer one (more
 * colours, tighter fitting), and the engine keeps whichever matches the picture better.
 */
import ImageTracer, { type TracerColour, type TracerOptions } from "imagetracerjs";
import type { Rgba } from "./image-measure";

export interface TraceResult {
  svg: string;
  /** The fill colours used, #rrggbb, in the order drawn. */
  colours: string[];
}

/** Largest side traced; a larger picture is traced on a nearest-neighbour reduction. */
export const TRACE_MAX_SIDE = 256;

const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;

/** Near white: left out, since the SVG is drawn on white (and stays transparent around the drawing). */
const isWhite = (c: { r: number; g: number; b: number }) => c.r >= 250 && c.g >= 250 && c.b >= 250;

/**
 * The picture's colours: pixels binned by their top `bits` bits a channel, bins holding at least
 * `minShare` of the picture kept (at most `max`), each as the mean of its pixels; flat-colour art
 * gives its exact fills, anti-aliased edges fall to their nearest kept colour when traced.
 */
export function picturePalette(img: Rgba, { bits = 4, minShare = 0.002, max = 16 } = {}): TracerColour[] {
  const shift = 8 - bits;
  const bins = new Map<number, { n: number; r: number; g: number; b: number }>();
  const pixels = img.width * img.height;
  for (let i = 0; i < pixels * 4; i += 4) {
    const key = ((img.data[i] >> shift) << (2 * bits)) | ((img.data[i + 1] >> shift) << bits) | (img.data[i + 2] >> shift);
    const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bin.n++;
    bin.r += img.data[i];
    bin.g += img.data[i + 1];
    bin.b += img.data[i + 2];
    bins.set(key, bin);
  }
  return [...bins.values()]
    .filter((bin) => bin.n >= pixels * minShare)
    .sort((a, b) => b.n - a.n)
    .slice(0, max)
    .map((bin) => ({ r: Math.round(bin.r / bin.n), g: Math.round(bin.g / bin.n), b: Math.round(bin.b / bin.n), a: 255 }));
}

function reduced(img: Rgba): { image: Rgba } {
  const side = Math.max(img.width, img.height);
  if (side <= TRACE_MAX_SIDE) return { image: img };
  const scale = side / TRACE_MAX_SIDE;
  const width = Math.max(1, Math.round(img.width / scale));
  const height = Math.max(1, Math.round(img.height / scale));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y * scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x * scale));
      data.set(img.data.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { image: { width, height, data } };
}

/** "M 1 2 L 3 4 Z " → "M1 2L3 4Z": the library's path data without the spaces around commands. */
const compactPath = (d: string) => d.replace(/\s*([MLQZ])\s*/g, "$1").trim();

export function traceImage(img: Rgba, detail: 0 | 1 = 0): TraceResult {
  const { image } = reduced(img);
  const palette = picturePalette(image, detail === 0 ? {} : { minShare: 0.001, max: 24 });
  const options: TracerOptions = ImageTracer.checkoptions({
    // The palette is the picture's: one quantization pass keeps it as it is (more would average it).
    pal: palette.length > 0 ? palette : [{ r: 255, g: 255, b: 255, a: 255 }],
    colorquantcycles: 1,
    ltres: detail === 0 ? 1 : 0.5,
    qtres: detail === 0 ? 1 : 0.5,
    pathomit: detail === 0 ? 8 : 4,
    // Whole pixels of the traced image: a model's token budget (InternSVG's 4000) goes far further.
    roundcoords: 0,
    scale: 1,
    strokewidth: 0,
    blurradius: 0,
    viewbox: true,
    desc: false,
  });
  const traced = ImageTracer.imagedataToTracedata(image, options);
  const fills: { colour: string; d: string[] }[] = [];
  traced.layers.forEach((layer, l) => {
    const colour = traced.palette[l];
    if (isWhite(colour)) return;
    const d: string[] = [];
    layer.forEach((path, p) => {
      if (path.isholepath) return;
      const element = ImageTracer.svgpathstring(traced, l, p, options);
      const data = /\sd="([^"]*)"/.exec(element)?.[1];
      if (data) d.push(compactPath(data));
    });
    if (d.length > 0) fills.push({ colour: hex(colour), d });
  });
  const body = fills.map((f) => `<path fill="${f.colour}" d="${f.d.join("")}"/>`).join("");
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${image.width} ${image.height}">${body}</svg>`,
    colours: fills.map((f) => f.colour),
  };
}
