/**
 * Recolouring SVG text to asked colours, keeping its shading: the declared colours (fill,
 * stroke, stop-color, in attributes and inline styles) are clustered by hue in OKLCH, weighted
 * by how many pixels each covers in a render, and the heaviest cluster that no asked colour
 * already claims is moved to the asked colour: its main tone becomes exactly the asked hex and
 * the other tones keep their lightness offsets. Used by the generator (emoji artwork) and the
 * refiner (any draft).
 */
import { classifyHex, colourDistance, hexToRgb, oklchOf, oklchToHex, type ColourWord } from "../vocabulary/colour-words";
import { renderSvgPng } from "../../raster/node";
import { decodePng } from "./image-measure";

const COLOUR_ATTR = /\b(fill|stroke|stop-color|color)(\s*=\s*")([^"]+)(")/g;
const COLOUR_STYLE = /\b(fill|stroke|stop-color|color)(\s*:\s*)([^;"']+)/g;

/** Lower-case #rrggbb for a CSS colour, or null for none / url(...) / unknown. */
export function normaliseColour(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (v === "none" || v === "transparent" || v.startsWith("url(") || v === "inherit") return null;
  if (v === "currentcolor") return "#000000";
  const m3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m3) return `#${m3[1]}${m3[1]}${m3[2]}${m3[2]}${m3[3]}${m3[3]}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{8}$/.test(v)) return v.slice(0, 7);
  const lch = oklchOf(v);
  return lch ? oklchToHex(lch.l, lch.c, lch.h) : null;
}

/** Every distinct colour declared in the SVG text. */
export function declaredColours(svg: string): string[] {
  const out = new Set<string>();
  for (const re of [COLOUR_ATTR, COLOUR_STYLE]) {
    for (const m of svg.matchAll(re)) {
      const c = normaliseColour(m[3]);
      if (c) out.add(c);
    }
  }
  return [...out];
}

/** Replaces declared colours through `map` (keys and values lower-case #rrggbb). */
export function applyColourMap(svg: string, map: Map<string, string>): string {
  if (map.size === 0) return svg;
  const swap = (whole: string, prop: string, sep: string, value: string, tail = "") => {
    const c = normaliseColour(value);
    const to = c ? map.get(c) : undefined;
    return to ? `${prop}${sep}${to}${tail}` : whole;
  };
  return svg
    .replace(COLOUR_ATTR, (whole, prop: string, sep: string, value: string, tail: string) => swap(whole, prop, sep, value, tail))
    .replace(COLOUR_STYLE, (whole, prop: string, sep: string, value: string) => swap(whole, prop, sep, value));
}

/** Pixel count per declared colour, by nearest declared colour of each painted pixel. */
export function colourWeights(svgDocument: string, declared: readonly string[]): Map<string, number> {
  const weights = new Map<string, number>(declared.map((c) => [c, 0]));
  if (declared.length === 0) return weights;
  const img = decodePng(renderSvgPng(svgDocument, { width: 96, height: 96 }));
  const rgb = declared.map(hexToRgb);
  const cache = new Map<number, number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i],
      g = img.data[i + 1],
      b = img.data[i + 2];
    if (r > 245 && g > 245 && b > 245) continue;
    const key = (r << 16) | (g << 8) | b;
    let k = cache.get(key);
    if (k === undefined) {
      let best = Infinity;
      k = 0;
      rgb.forEach(([cr, cg, cb], j) => {
        const d = (cr - r) ** 2 + (cg - g) ** 2 + (cb - b) ** 2;
        if (d < best) [best, k] = [d, j];
      });
      cache.set(key, k);
    }
    const c = declared[k];
    weights.set(c, (weights.get(c) ?? 0) + 1);
  }
  // White declared colours are invisible on white; give them no weight.
  for (const c of declared) if (c === "#ffffff") weights.set(c, 0);
  return weights;
}

interface Cluster {
  colours: string[];
  anchor: string;
  weight: number;
  chromatic: boolean;
}

function clusterColours(weights: Map<string, number>): Cluster[] {
  const sorted = [...weights.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const clusters: Cluster[] = [];
  for (const [colour, weight] of sorted) {
    const lch = oklchOf(colour);
    if (!lch) continue;
    const chromatic = lch.c >= 0.045;
    const home = clusters.find((cl) => {
      const a = oklchOf(cl.anchor)!;
      if (chromatic !== cl.chromatic) return false;
      if (!chromatic) return Math.abs(a.l - lch.l) < 0.2;
      const dh = Math.abs(((a.h - lch.h + 540) % 360) - 180);
      return dh < 40;
    });
    if (home) {
      home.colours.push(colour);
      home.weight += weight;
    } else {
      clusters.push({ colours: [colour], anchor: colour, weight, chromatic });
    }
  }
  return clusters.sort((a, b) => b.weight - a.weight);
}

function clusterMap(cluster: Cluster, target: string): Map<string, string> {
  const map = new Map<string, string>();
  const a = oklchOf(cluster.anchor)!;
  const t = oklchOf(target)!;
  for (const c of cluster.colours) {
    const o = oklchOf(c)!;
    const l = t.l + (o.l - a.l) * 0.8;
    const chroma = t.c < 0.03 ? t.c : t.c * (a.c > 0.01 ? Math.min(1.4, Math.max(0.5, o.c / a.c)) : 1);
    map.set(c, c === cluster.anchor ? target.toLowerCase() : oklchToHex(l, chroma, t.h));
  }
  return map;
}

export interface RecolourResult {
  svg: string;
  changed: boolean;
  /** Asked colours that were applied (name → cluster anchor it replaced). */
  applied: { colour: ColourWord; replaced: string }[];
}

/**
 * Gives the drawing the asked colours that it lacks. `svgDocument` must be a complete SVG (it
 * is rendered to weigh colours); the same text replacements are applied to it.
 */
export function recolourToward(
  svgDocument: string,
  targets: readonly ColourWord[],
  options: { /** Colours present but too faint: recolour another group to them as well. */ force?: readonly string[] } = {},
): RecolourResult {
  const declared = declaredColours(svgDocument);
  const weights = colourWeights(svgDocument, declared);
  const clusters = clusterColours(weights).filter((c) => c.weight > 0);
  const claimed = new Set<Cluster>();
  const pending: ColourWord[] = [];
  for (const t of targets) {
    if (t.name === "white") continue;
    const owner = clusters.find((c) => !claimed.has(c) && t.accepts.includes(classifyHex(c.anchor)));
    if (owner) claimed.add(owner);
    if (!owner || options.force?.includes(t.name)) pending.push(t);
  }
  const map = new Map<string, string>();
  const applied: RecolourResult["applied"] = [];
  for (const t of pending) {
    // Prefer chromatic clusters; leave near-black outlines and white highlights alone when possible.
    const candidates = clusters.filter((c) => !claimed.has(c) && classifyHex(c.anchor) !== "white");
    const chromatic = candidates.find((c) => c.chromatic);
    // A mid-gray shape in a drawing that asks for colours is most likely a placeholder for one.
    const placeholder = candidates.find(
      (c) => classifyHex(c.anchor) === "gray" && !targets.some((x) => x.accepts.includes("gray")) && c.weight >= (chromatic?.weight ?? 0) * 0.25,
    );
    const pick = placeholder ?? chromatic ?? candidates.find((c) => classifyHex(c.anchor) !== "black") ?? candidates[0];
    if (!pick) break;
    claimed.add(pick);
    for (const [from, to] of clusterMap(pick, t.hex)) map.set(from, to);
    applied.push({ colour: t, replaced: pick.anchor });
  }
  const svg = applyColourMap(svgDocument, map);
  return { svg, changed: svg !== svgDocument, applied };
}

/** True when two colours are perceptually the same (OKLab distance under 0.02). */
export function sameColour(a: string, b: string): boolean {
  return colourDistance(a, b) < 0.02;
}
