/**
 * Just enough SVG document handling for the engine, on strings (no DOM): split the root
 * element from its content, know where the viewBox lands on the 200×200 canvas, and move /
 * scale the whole drawing by wrapping (or folding into) one `<g transform>`. Output always has
 * the model's root: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">`.
 */
import { num } from "./seeded";

export const CANVAS = 200;
export const SVG_OPEN = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CANVAS} ${CANVAS}">`;

export interface SvgParts {
  attrs: Record<string, string>;
  inner: string;
}

/** Translate-then-uniform-scale: canvas point = s·p + (tx, ty). */
export interface Placement {
  s: number;
  tx: number;
  ty: number;
}

export const IDENTITY: Placement = { s: 1, tx: 0, ty: 0 };

const ROOT_OPEN = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i;
const ATTR = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Presentation attributes a root may carry that must follow its content into a wrapper `<g>`. */
const INHERITED = new Set([
  "fill",
  "stroke",
  "stroke-width",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-dasharray",
  "stroke-dashoffset",
  "opacity",
  "fill-opacity",
  "stroke-opacity",
  "fill-rule",
  "clip-rule",
  "color",
  "style",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "shape-rendering",
]);

export function parseSvg(svg: string): SvgParts | null {
  const open = ROOT_OPEN.exec(svg);
  if (!open) return null;
  let attrText = open[1];
  const selfClosing = /\/\s*$/.test(attrText);
  if (selfClosing) attrText = attrText.replace(/\/\s*$/, "");
  const attrs: Record<string, string> = {};
  for (const m of attrText.matchAll(ATTR)) attrs[m[1]] = m[3] ?? m[4] ?? "";
  if (selfClosing) return { attrs, inner: "" };
  const start = open.index + open[0].length;
  const end = svg.toLowerCase().lastIndexOf("</svg>");
  return { attrs, inner: end >= start ? svg.slice(start, end) : svg.slice(start) };
}

/** The user-space box the root shows: its viewBox, else its width/height, else resvg's 100×100. */
export function viewBoxOf(attrs: Record<string, string>): [number, number, number, number] {
  const vb = (attrs.viewBox ?? attrs.viewbox ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0) return [vb[0], vb[1], vb[2], vb[3]];
  const w = parseFloat(attrs.width ?? "");
  const h = parseFloat(attrs.height ?? "");
  if (w > 0 && h > 0) return [0, 0, w, h];
  return [0, 0, 100, 100];
}

/** Where user space lands on the canvas (xMidYMid meet, as resvg, browsers and cairosvg do). */
export function userToCanvas(attrs: Record<string, string>): Placement {
  const [x, y, w, h] = viewBoxOf(attrs);
  const s = Math.min(CANVAS / w, CANVAS / h);
  return { s, tx: (CANVAS - w * s) / 2 - x * s, ty: (CANVAS - h * s) / 2 - y * s };
}

/** a then b: first apply a, then b. */
export function compose(a: Placement, b: Placement): Placement {
  return { s: a.s * b.s, tx: a.tx * b.s + b.tx, ty: a.ty * b.s + b.ty };
}

export function transformAttr(p: Placement): string {
  return `translate(${num(p.tx)} ${num(p.ty)}) scale(${num(p.s, 4)})`;
}

const WRAPPER = /^\s*<g transform="translate\((-?[\d.]+) (-?[\d.]+)\) scale\((-?[\d.]+)\)">([\s\S]*)<\/g>\s*$/;

/** When the content is exactly one `<g transform="translate(..) scale(..)">` (the engine's own
 * form), returns its placement and content. */
export function readWrapper(inner: string): { placement: Placement; content: string } | null {
  const m = WRAPPER.exec(inner);
  if (!m || !closesAtEnd(inner)) return null;
  return { placement: { tx: Number(m[1]), ty: Number(m[2]), s: Number(m[3]) }, content: m[4] };
}

/** True when the first `<g` of the string is closed by its last `</g>`. */
function closesAtEnd(inner: string): boolean {
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)g\b[^>]*>/g)) {
    if (m[0].endsWith("/>")) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return inner.slice((m.index ?? 0) + m[0].length).trim() === "";
  }
  return false;
}

/**
 * The drawing in canonical form: model root, content wrapped in one `<g transform>` giving
 * where it lands on the canvas (`extra` applied after the root's own viewBox mapping).
 */
export function placeDrawing(svg: string, extra: Placement = IDENTITY): string {
  const parts = parseSvg(svg);
  if (!parts) return svg;
  const rootMap = userToCanvas(parts.attrs);
  const inherited = Object.entries(parts.attrs)
    .filter(([k]) => INHERITED.has(k))
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, "&quot;")}"`)
    .join("");
  const xmlns = Object.entries(parts.attrs)
    .filter(([k]) => k.startsWith("xmlns:"))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");
  const open = xmlns ? SVG_OPEN.replace(">", `${xmlns}>`) : SVG_OPEN;
  const wrapper = inherited === "" ? readWrapper(parts.inner) : null;
  if (wrapper) {
    const total = compose(compose(wrapper.placement, rootMap), extra);
    return `${open}<g transform="${transformAttr(total)}">${wrapper.content}</g></svg>`;
  }
  const total = compose(rootMap, extra);
  return `${open}<g transform="${transformAttr(total)}"${inherited}>${parts.inner}</g></svg>`;
}

/** A whole document from content already in canvas coordinates. */
export function svgDocument(content: string): string {
  return `${SVG_OPEN}${content}</svg>`;
}

/** Same drawing, seen through a different window (used to measure what lies off the canvas). */
export function withViewBox(svg: string, viewBox: [number, number, number, number]): string {
  const canonical = placeDrawing(svg);
  return canonical.replace(`viewBox="0 0 ${CANVAS} ${CANVAS}"`, `viewBox="${viewBox.map(num).join(" ")}"`);
}

/** XML comment text that cannot end the comment early. */
export function safeComment(text: string): string {
  return text.replace(/-{2,}/g, "-").replace(/[<>]/g, "").replace(/-$/, "").slice(0, 160);
}
