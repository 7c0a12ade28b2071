/**
 * Finding a known piece of artwork in a render — how the engine's critic "sees" a subject. The
 * artwork is rendered alone and its outline is searched for over the render at every size and
 * position on a 100×100 grid by normalised cross-correlation of luminance under the artwork's
 * shape, so a line icon in any colour on any plain ground, or a recoloured emoji, is still found;
 * a light line icon on a dark ground (a white glyph on a coloured tile) correlates as strongly,
 * with the sign turned, and is found too. Where luminance hides a subject, two more readings of
 * the render are searched: against its ground (a subject on a tile or disc of its own brightness)
 * and by ink (anything drawn, whatever its colours: a line icon in two colours). The search scores
 * a sample of the shape's pixels; the places it keeps are scored again on all of them, so a chance
 * likeness found by trying many places is not flattered. Colour does not enter the search; the
 * colours of the found region are measured afterwards. A drawing of something else scores low.
 */
import { renderSvgPng } from "../../raster/node";
import type { IconArtwork } from "../vocabulary/icon-sets";
import { classifyRgb, type ColourFamily } from "../vocabulary/colour-words";
import { decodePng, type Rgba } from "./image-measure";

const GRID = 100;
/** Sizes searched first, about 8% apart; the best places are then tried at the sizes between. */
const SCALES = Array.from({ length: 22 }, (_, i) => Math.round(18 * 1.083 ** i)).filter((s, i, all) => s <= 100 && all.indexOf(s) === i);
const MAX_POINTS = 200;
const VERIFY_POINTS = 2000;

export interface ArtworkMatch {
  /** 0–1: how surely the artwork is there (a masked normalised cross-correlation). */
  score: number;
  /** Where, in canvas fractions. */
  box: { x0: number; y0: number; x1: number; y1: number };
  /**
   * Colour families of the render under the artwork's shape, largest first (white left out); for
   * a light artwork on a dark ground, of the ground it is cut from (the whole found box).
   */
  colours: { family: ColourFamily; share: number }[];
  /** The artwork was found light on a dark ground (its luminance inverted). */
  inverted?: boolean;
}

/** The score from which an artwork counts as drawn. */
export const PRESENT = 0.56;
/**
 * A likeness at the smallest sizes is discounted: a shape of a few hundred pixels resembles
 * something in most drawings (a pencil in a check mark, a heart in a ring). Over example
 * prompts' drafts, 37 of 90 matches in other prompts' drawings were at ≤ 19% of the canvas,
 * and 4 of ~280 matches in their own.
 */
function smallShapeDoubt(s: number): number {
  return 3 * Math.max(0, 0.27 - s / GRID);
}

/** Past this, a match needs no second reading (against the ground, or by ink). */
const SURE = 0.82;

const rgbGrids = new WeakMap<Rgba, Float32Array>();

/** The render on a GRID×GRID grid, each cell the mean colour (r, g, b) of the pixels it covers. */
function rgbGrid(img: Rgba): Float32Array {
  let rgb = rgbGrids.get(img);
  if (rgb) return rgb;
  rgb = new Float32Array(GRID * GRID * 3);
  const counts = new Float32Array(GRID * GRID);
  for (let y = 0; y < img.height; y++) {
    const gy = Math.min(GRID - 1, Math.floor((y * GRID) / img.height));
    for (let x = 0; x < img.width; x++) {
      const gx = Math.min(GRID - 1, Math.floor((x * GRID) / img.width));
      const i = (y * img.width + x) * 4;
      const k = gy * GRID + gx;
      rgb[k * 3] += img.data[i];
      rgb[k * 3 + 1] += img.data[i + 1];
      rgb[k * 3 + 2] += img.data[i + 2];
      counts[k] += 1;
    }
  }
  for (let k = 0; k < GRID * GRID; k++) {
    const n = Math.max(1, counts[k]);
    rgb[k * 3] /= n;
    rgb[k * 3 + 1] /= n;
    rgb[k * 3 + 2] /= n;
  }
  rgbGrids.set(img, rgb);
  return rgb;
}

const luminances = new WeakMap<Rgba, Float32Array>();

/** Luminance on the grid: a cell's mean colour weighed as luminance (the mean of its pixels' luminances). */
function luminanceGrid(img: Rgba): Float32Array {
  let out = luminances.get(img);
  if (out) return out;
  const rgb = rgbGrid(img);
  out = Float32Array.from({ length: GRID * GRID }, (_, k) => 0.299 * rgb[k * 3] + 0.587 * rgb[k * 3 + 1] + 0.114 * rgb[k * 3 + 2]);
  luminances.set(img, out);
  return out;
}

/** What a template's points hold: the artwork's luminance, or its ink (drawn or not). */
type Channel = "lum" | "ink";

const grounds = new WeakMap<Rgba, { ground: Float32Array | null; ink: Float32Array }>();

/**
 * The render seen against its ground: where a coloured tile or disc covers much of the canvas
 * (a backdrop), each cell's likeness to the ground's colour, so the ground reads white and
 * everything drawn on it dark. An orange pencil on a teal disc, or a yellow moon on a gray tile,
 * has next to no luminance contrast with its ground, and luminance alone could not find it.
 * Null when no colour but white covers a tenth of the canvas.
 */
function groundGrids(img: Rgba): { ground: Float32Array | null; ink: Float32Array } {
  const cached = grounds.get(img);
  if (cached) return cached;
  const rgb = rgbGrid(img);
  const bins = new Map<number, number[]>();
  for (let k = 0; k < GRID * GRID; k++) {
    const r = rgb[k * 3],
      g = rgb[k * 3 + 1],
      b = rgb[k * 3 + 2];
    if (Math.min(r, g, b) > 225) continue; // white and near-white are the paper, not a ground
    const bin = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
    const cells = bins.get(bin);
    if (cells) cells.push(k);
    else bins.set(bin, [k]);
  }
  // A ground is solid (a tile, a disc): most of its bounding box is its colour. The strokes of a
  // big line drawing in one colour are not a ground.
  const solid = (c: number[]) => {
    let x0 = GRID,
      y0 = GRID,
      x1 = 0,
      y1 = 0;
    for (const k of c) {
      x0 = Math.min(x0, k % GRID);
      x1 = Math.max(x1, k % GRID);
      y0 = Math.min(y0, Math.floor(k / GRID));
      y1 = Math.max(y1, Math.floor(k / GRID));
    }
    return c.length >= 0.45 * (x1 - x0 + 1) * (y1 - y0 + 1);
  };
  let cells: number[] | null = null;
  for (const c of bins.values()) if (c.length >= GRID * GRID * 0.1 && c.length > (cells?.length ?? 0) && solid(c)) cells = c;
  const mean = cells ? [0, 1, 2].map((c) => cells!.reduce((sum, k) => sum + rgb[k * 3 + c], 0) / cells!.length) : null;
  const likeness = (k: number, to: number[]) => Math.max(0, 255 - 1.5 * Math.hypot(rgb[k * 3] - to[0], rgb[k * 3 + 1] - to[1], rgb[k * 3 + 2] - to[2]));
  const ground = mean ? Float32Array.from({ length: GRID * GRID }, (_, k) => likeness(k, mean)) : null;
  // Ink: paper and ground white, anything drawn dark, whatever its colour: a line icon drawn in
  // two colours (a gray wallet with a dark blue clasp) is one shape here, not two luminances.
  const white = [255, 255, 255];
  const ink = Float32Array.from({ length: GRID * GRID }, (_, k) => Math.max(likeness(k, white), mean ? likeness(k, mean) : 0));
  const out = { ground, ink };
  grounds.set(img, out);
  return out;
}

interface Template {
  s: number;
  /** Offsets (dx, dy) and luminance of the pixels under the artwork's shape (and a pixel around it). */
  dx: Int16Array;
  dy: Int16Array;
  t: Float32Array;
  mean: number;
  norm: number;
  /** The shape at this size, for the colours of a found region. */
  mask: Uint8Array;
  /** A line drawing (thin strokes): it may be drawn light on a dark ground too. */
  line: boolean;
  /** Every pixel under the shape, to verify a place the sparse points found. */
  full?: Template;
}

const BASE = 128;
const bases = new Map<string, { lum: Float32Array; ink: Float32Array } | null>();
const templates = new Map<string, Template | null>();

/** The artwork rendered alone once, at BASE×BASE: luminance and ink coverage per pixel. */
function baseOf(art: IconArtwork): { lum: Float32Array; ink: Float32Array } | null {
  const key = `${art.set}:${art.name}`;
  if (bases.has(key)) return bases.get(key)!;
  const body = art.body.replace(/currentColor/g, "#263238");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${art.width} ${art.height}">${body}</svg>`;
  let out: { lum: Float32Array; ink: Float32Array } | null = null;
  try {
    const img = decodePng(renderSvgPng(svg, { width: BASE, height: BASE }));
    const lum = new Float32Array(BASE * BASE);
    const ink = new Float32Array(BASE * BASE);
    for (let i = 0; i < BASE * BASE; i++) {
      const j = i * 4;
      lum[i] = 0.299 * img.data[j] + 0.587 * img.data[j + 1] + 0.114 * img.data[j + 2];
      ink[i] = Math.max(255 - img.data[j], 255 - img.data[j + 1], 255 - img.data[j + 2]) > 24 ? 1 : 0;
    }
    out = { lum, ink };
  } catch {
    out = null; // an artwork resvg cannot draw is simply never found
  }
  if (bases.size > 500) bases.clear();
  bases.set(key, out);
  return out;
}

/** The artwork at s×s grid pixels (box-filtered from its base render), as correlation points. */
function templateAt(art: IconArtwork, s: number, channel: Channel = "lum"): Template | null {
  const key = `${art.set}:${art.name}@${s}:${channel}`;
  if (templates.has(key)) return templates.get(key)!;
  const base = baseOf(art);
  let out: Template | null = null;
  if (base) {
    const lum = new Float32Array(s * s);
    const ink = new Uint8Array(s * s);
    const cover = new Float32Array(s * s);
    const counts = new Float32Array(s * s);
    for (let y = 0; y < BASE; y++) {
      const ty = Math.floor((y * s) / BASE);
      for (let x = 0; x < BASE; x++) {
        const k = ty * s + Math.floor((x * s) / BASE);
        lum[k] += base.lum[y * BASE + x];
        cover[k] += base.ink[y * BASE + x];
        counts[k] += 1;
      }
    }
    for (let k = 0; k < s * s; k++) {
      lum[k] /= Math.max(1, counts[k]);
      if (cover[k] / Math.max(1, counts[k]) > 0.2) ink[k] = 1;
    }
    // The "ink" channel: how little of each pixel is covered, dark where the artwork is drawn
    // whatever its colours, to match against a render's ink (inkGrid).
    const values = channel === "lum" ? lum : Float32Array.from(cover, (c, k) => 255 * (1 - c / Math.max(1, counts[k])));
    const mask = new Uint8Array(s * s);
    for (let y = 0; y < s; y++)
      for (let x = 0; x < s; x++) {
        if (!ink[y * s + x]) continue;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const X = x + dx,
              Y = y + dy;
            if (X >= 0 && Y >= 0 && X < s && Y < s) mask[Y * s + X] = 1;
          }
      }
    const points = (keep: (i: number) => boolean, line: boolean, most: number): Template | null => {
      const idx: number[] = [];
      for (let i = 0; i < s * s; i++) if (keep(i)) idx.push(i);
      if (idx.length < 12) return null;
      const step = Math.max(1, idx.length / most);
      const picked: number[] = [];
      for (let k = 0; k < idx.length; k += step) picked.push(idx[Math.floor(k)]);
      const t = Float32Array.from(picked, (i) => values[i]);
      const mean = t.reduce((a, b) => a + b, 0) / t.length;
      let norm = 0;
      for (let k = 0; k < t.length; k++) {
        t[k] -= mean;
        norm += t[k] * t[k];
      }
      if (norm < 1e-3) return null;
      return {
        s,
        dx: Int16Array.from(picked, (i) => i % s),
        dy: Int16Array.from(picked, (i) => Math.floor(i / s)),
        t,
        mean,
        norm: Math.sqrt(norm),
        mask: ink,
        line,
      };
    };
    out = points((i) => mask[i] === 1, art.set === "line", MAX_POINTS);
    if (out) out.full = points((i) => mask[i] === 1, art.set === "line", VERIFY_POINTS) ?? undefined;
  }
  if (templates.size > 5000) templates.clear();
  templates.set(key, out);
  return out;
}

/** Normalised cross-correlation of the template's pixels with the grid at (x, y); 0 when off the grid. */
/**
 * Normalised cross-correlation of the template's pixels with the grid at (x, y). Pixels past the
 * canvas edge are left out (a clipped drawing is still recognised), as long as most are inside.
 */
function correlation(L: Float32Array, t: Template, x: number, y: number): number {
  let sum = 0,
    sum2 = 0,
    cross = 0,
    tsum = 0,
    tsum2 = 0,
    n = 0;
  const total = t.t.length;
  for (let k = 0; k < total; k++) {
    const X = x + t.dx[k],
      Y = y + t.dy[k];
    if (X < 0 || Y < 0 || X >= GRID || Y >= GRID) continue;
    const v = L[Y * GRID + X];
    const tv = t.t[k];
    sum += v;
    sum2 += v * v;
    cross += v * tv;
    tsum += tv;
    tsum2 += tv * tv;
    n += 1;
  }
  if (n < total * 0.6) return 0;
  const variance = sum2 - (sum * sum) / n;
  const tvariance = tsum2 - (tsum * tsum) / n;
  if (variance < 1e-3 || tvariance < 1e-3) return 0;
  return (cross - (sum * tsum) / n) / Math.sqrt(variance * tvariance);
}

/** How surely the template is drawn at (x, y): a line drawing counts light on dark as well as dark on light. */
function matchAt(L: Float32Array, t: Template, x: number, y: number): number {
  const r = correlation(L, t, x, y);
  return t.line ? Math.abs(r) : r;
}

function overlap(a: ArtworkMatch["box"], b: ArtworkMatch["box"]): number {
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const area = (r: typeof a) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (w * h) / Math.max(1e-6, Math.min(area(a), area(b)));
}

function regionColours(img: Rgba, t: Template, box: ArtworkMatch["box"], inverted = false): ArtworkMatch["colours"] {
  const counts = new Map<ColourFamily, number>();
  let total = 0;
  for (let y = Math.max(0, Math.floor(box.y0 * img.height)); y < Math.min(img.height, box.y1 * img.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x0 * img.width)); x < Math.min(img.width, box.x1 * img.width); x++) {
      const tx = Math.floor(((x / img.width - box.x0) / (box.x1 - box.x0)) * t.s);
      const ty = Math.floor(((y / img.height - box.y0) / (box.y1 - box.y0)) * t.s);
      if (tx < 0 || ty < 0 || tx >= t.s || ty >= t.s || (!inverted && !t.mask[ty * t.s + tx])) continue;
      const i = (y * img.width + x) * 4;
      const f = classifyRgb(img.data[i], img.data[i + 1], img.data[i + 2]);
      if (f === "white") continue;
      counts.set(f, (counts.get(f) ?? 0) + 1);
      total += 1;
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([family, n]) => ({ family, share: n / Math.max(1, total) }));
}

/** The best places the artwork is drawn in the render (up to `limit`, not overlapping), best first. */
export function findArtwork(img: Rgba, art: IconArtwork, limit = 1): ArtworkMatch[] {
  const { ground, ink } = groundGrids(img);
  let best = findOnGrid(img, luminanceGrid(img), art, limit, "lum");
  for (const [grid, channel] of [
    [ground, "lum"],
    [ink, "ink"],
  ] as const) {
    // Found beyond doubt already: the other readings could not change what the critic says.
    if (!grid || (best[0]?.score ?? 0) >= SURE) continue;
    const found = findOnGrid(img, grid, art, limit, channel);
    if ((found[0]?.score ?? 0) > (best[0]?.score ?? 0)) best = found;
  }
  return best;
}

function findOnGrid(img: Rgba, L: Float32Array, art: IconArtwork, limit: number, channel: Channel): ArtworkMatch[] {
  type Hit = { t: Template; x: number; y: number; score: number };
  const coarse: Hit[] = [];
  for (const size of SCALES) {
    const t = templateAt(art, size, channel);
    if (!t) continue;
    const lo = -Math.floor(t.s * 0.35),
      hi = GRID - Math.ceil(t.s * 0.65);
    const stride = t.s >= 60 ? 4 : t.s >= 30 ? 3 : 2;
    const local: Hit[] = [];
    for (let y = lo; y <= hi; y += stride) {
      for (let x = lo; x <= hi; x += stride) {
        const score = matchAt(L, t, x, y);
        if (score > 0.3) local.push({ t, x, y, score });
      }
    }
    local.sort((a, b) => b.score - a.score);
    coarse.push(...local.slice(0, 3));
  }
  coarse.sort((a, b) => b.score - a.score);
  // The best places, tried again at the sizes between and a few pixels either way.
  const scored: Hit[] = [];
  for (const c of coarse.slice(0, 6 + 2 * limit)) {
    let best = c;
    for (const size of new Set([c.t.s, Math.round(c.t.s * 0.96), Math.round(c.t.s * 1.04), Math.round(c.t.s * 0.92), Math.round(c.t.s * 1.08)])) {
      const t = size === c.t.s ? c.t : templateAt(art, size, channel);
      if (!t) continue;
      const cx = c.x + (c.t.s - size) / 2,
        cy = c.y + (c.t.s - size) / 2;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const x = Math.round(cx) + dx,
            y = Math.round(cy) + dy;
          const score = matchAt(L, t, x, y);
          if (score > best.score) best = { t, x, y, score };
        }
    }
    scored.push(best);
  }
  // The search took the best of many places by a sample of the shape's pixels, which flatters a
  // chance likeness; each place kept is scored again on all of them.
  for (const h of scored) {
    if (h.t.full) h.score = matchAt(L, h.t.full, h.x, h.y);
    h.score -= smallShapeDoubt(h.t.s);
  }
  scored.sort((a, b) => b.score - a.score);
  const found: (ArtworkMatch & { t: Template })[] = [];
  for (const { t, x, y, score } of scored) {
    const box = { x0: x / GRID, y0: y / GRID, x1: (x + t.s) / GRID, y1: (y + t.s) / GRID };
    if (found.some((f) => overlap(f.box, box) > 0.3)) continue;
    found.push({ score: Math.max(0, score), box, colours: [], t, inverted: t.line && correlation(L, t, x, y) < 0 });
    if (found.length >= limit) break;
  }
  return found.map(({ t, ...f }) => ({ ...f, colours: regionColours(img, t, f.box, f.inverted) }));
}
