/**
 * The SVGO settings the studio exports with: one source for the browser (svgo/browser, loaded
 * lazily) and Node (svgo), which run the same optimize() of the same version.
 *
 * "Lossless" is not one setting but a ladder, each rung checked by rendering (optimize-svg.ts):
 * SVGO's preset rewrites path data, and a renderer's anti-aliasing does not always agree with
 * itself across equivalent geometry (resvg draws `a65 65 0 1 1-130 0` and the same arc in
 * absolute form 40 edge pixels apart, by up to 40/255). Measured over the export corpus
 * (IntroSVG outputs, 40 engine drawings, the sanitized hostile SVGs) at 200×200, the full preset
 * changed pixels past 2/255 in 37 of 69 drawings; without moving group transforms into paths
 * and applying them, 8; without rewriting path data at all, none but text. So the first rung
 * that renders the same is kept, and the original (sanitized) when none does.
 */
import type { Config } from "svgo";

/** Decimal places SVGO rounds to, or "lossless": the ladder below, verified by rendering. */
export type SvgPrecision = "lossless" | 0 | 1 | 2 | 3;

export const SVG_PRECISIONS: readonly SvgPrecision[] = ["lossless", 3, 2, 1, 0];

/** The optimize() of either build. */
export type SvgoOptimize = (svg: string, config?: Config) => { data: string };
/** The same, answered later (the browser's runs in a worker). */
export type SvgoOptimizeAsync = (svg: string, config?: Config) => Promise<{ data: string }>;

const preset = (overrides: Record<string, false | Record<string, unknown>> = {}, extra: Config["plugins"] = []): Config["plugins"] => [
  { name: "preset-default", params: { overrides } },
  ...(extra ?? []),
];

/**
 * Never part of any rung: removeDesc would drop a description someone wrote for screen readers,
 * and the <title> stays too (SVGO 4 keeps it by default).
 */
const KEEP = { removeDesc: false } as const;

/** Plugins that change geometry's spelling (path data, shapes, transforms); the last rung has none. */
const GEOMETRY = {
  convertPathData: false,
  convertTransform: false,
  convertShapeToPath: false,
  convertEllipseToCircle: false,
  moveGroupAttrsToElems: false,
  mergePaths: false,
  cleanupNumericValues: false,
} as const;

/** The lossless ladder, most saving first. */
export const LOSSLESS_LADDER: readonly Config[] = [
  { multipass: true, floatPrecision: 3, plugins: preset({ ...KEEP }) },
  { multipass: true, floatPrecision: 3, plugins: preset({ ...KEEP, moveGroupAttrsToElems: false, convertPathData: { applyTransforms: false } }) },
  { multipass: true, plugins: preset({ ...KEEP, ...GEOMETRY }) },
];

/** One unverified setting: SVGO's preset at `digits` decimals (it may trade exactness for size). */
export function precisionConfig(digits: 0 | 1 | 2 | 3): Config {
  return { multipass: true, floatPrecision: digits, plugins: preset({ ...KEEP }) };
}

export function precisionLabel(precision: SvgPrecision): string {
  if (precision === "lossless") return "Lossless (default)";
  return `${precision} decimal${precision === 1 ? "" : "s"}`;
}
