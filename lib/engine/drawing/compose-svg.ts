/**
 * Markup primitives for the generator: an icon placed in a box on the 200×200 canvas (line
 * icons with concrete stroke colours, emoji with their fills recoloured), backdrops, a corner
 * badge, and the labelled fallback drawing. Everything is plain SVG: filled or stroked paths,
 * no script, no external reference, ids made unique per slot.
 */
import { prefixIds, type IconArtwork } from "../vocabulary/icon-sets";
import { recolourToward } from "./recolour";
import { type ColourWord } from "../vocabulary/colour-words";
import { num } from "./seeded";
import { parseSvg } from "./svg-document";

export interface Box {
  cx: number;
  cy: number;
  size: number;
}

/** A line icon with concrete colours: stroke (or fill for solid glyphs) and an optional second colour on alternate paths. */
export function lineIconMarkup(art: IconArtwork, colour: string, secondary?: string): string {
  let body = art.body.replace(/currentColor/g, colour);
  if (secondary) {
    let n = 0;
    body = body.replace(/<(path|circle|rect|ellipse)\b[^>]*>/g, (tag) => {
      n += 1;
      if (n % 2 === 1) return tag;
      return /\sfill="(?!none)/.test(tag) ? setAttr(tag, "fill", secondary) : setAttr(tag, "stroke", secondary);
    });
  }
  return body;
}

/** Sets (or replaces) one attribute on a start tag. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}=")[^"]*(")`);
  if (re.test(tag)) return tag.replace(re, `$1${value}$2`);
  return tag.replace(/^<([\w:-]+)/, `<$1 ${name}="${value}"`);
}

export function pathCount(art: IconArtwork): number {
  return (art.body.match(/<(path|circle|rect|ellipse|line|polyline|polygon)\b/g) ?? []).length;
}

/** An emoji's body with the asked colours it lacks applied (shading kept). */
export function colourIconMarkup(art: IconArtwork, targets: readonly ColourWord[]): string {
  if (targets.length === 0) return art.body;
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${art.width} ${art.height}">${art.body}</svg>`;
  const { svg } = recolourToward(doc, targets);
  return parseSvg(svg)?.inner ?? art.body;
}

/** Places artwork markup (in its own width×height box) centred in `box`. */
export function placeMarkup(markup: string, art: { width: number; height: number }, box: Box, idPrefix: string): string {
  const k = box.size / Math.max(art.width, art.height);
  const x = box.cx - (art.width * k) / 2;
  const y = box.cy - (art.height * k) / 2;
  return `<g transform="translate(${num(x)} ${num(y)}) scale(${num(k, 4)})">${prefixIds(markup, idPrefix)}</g>`;
}

export function backdrop(shape: "circle" | "square", colour: string, box: Box): string {
  const r = box.size / 2;
  if (shape === "circle") return `<circle cx="${num(box.cx)}" cy="${num(box.cy)}" r="${num(r)}" fill="${colour}"/>`;
  const x = box.cx - r;
  const y = box.cy - r;
  const rx = box.size * 0.22;
  return `<path fill="${colour}" d="${roundedRectPath(x, y, box.size, box.size, rx)}"/>`;
}

/** A white disc with a coloured ring: the seat of a second subject. */
export function badgeDisc(box: Box, ring: string): string {
  const r = box.size / 2;
  return `<circle cx="${num(box.cx)}" cy="${num(box.cy)}" r="${num(r)}" fill="#ffffff" stroke="${ring}" stroke-width="${num(box.size * 0.06)}"/>`;
}

export function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  const n = (v: number) => num(v);
  return (
    `M${n(x + r)} ${n(y)}H${n(x + w - r)}A${n(r)} ${n(r)} 0 0 1 ${n(x + w)} ${n(y + r)}V${n(y + h - r)}` +
    `A${n(r)} ${n(r)} 0 0 1 ${n(x + w - r)} ${n(y + h)}H${n(x + r)}A${n(r)} ${n(r)} 0 0 1 ${n(x)} ${n(y + h - r)}` +
    `V${n(y + r)}A${n(r)} ${n(r)} 0 0 1 ${n(x + r)} ${n(y)}Z`
  );
}

export type GenericShape = "star" | "circle" | "diamond" | "hexagon" | "triangle" | "square";

/** A simple filled shape centred in `box`, as one path. */
export function genericShapePath(shape: GenericShape, box: Box): string {
  const { cx, cy } = box;
  const r = box.size / 2;
  const poly = (points: [number, number][]) => `M${points.map(([x, y]) => `${num(x)} ${num(y)}`).join("L")}Z`;
  const ring = (n: number, radius: (i: number) => number, phase: number) =>
    poly(
      Array.from({ length: n }, (_, i) => {
        const a = phase + (i * 2 * Math.PI) / n;
        return [cx + radius(i) * Math.cos(a), cy + radius(i) * Math.sin(a)] as [number, number];
      }),
    );
  switch (shape) {
    case "star":
      return ring(10, (i) => (i % 2 === 0 ? r : r * 0.45), -Math.PI / 2);
    case "diamond":
      return ring(4, () => r, -Math.PI / 2);
    case "hexagon":
      return ring(6, () => r, -Math.PI / 2);
    case "triangle":
      return ring(3, () => r, -Math.PI / 2);
    case "square":
      return roundedRectPath(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6, r * 0.25);
    case "circle":
    default:
      return `M${num(cx - r)} ${num(cy)}A${num(r)} ${num(r)} 0 1 0 ${num(cx + r)} ${num(cy)}A${num(r)} ${num(r)} 0 1 0 ${num(cx - r)} ${num(cy)}Z`;
  }
}
