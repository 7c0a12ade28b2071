/**
 * The colour an icon is mostly painted with, for the React component's currentColor option:
 * the fill or stroke value used by the most elements (an icon drawn in one colour has only that
 * one; a line icon's is its stroke). Read from the optimized text, whose attributes SVGO has
 * already normalised (lowercase short hex).
 */
const PAINT = /\s(fill|stroke)=(?:"([^"]*)"|'([^']*)')/g;

export function mainPaint(svg: string): string | null {
  const counts = new Map<string, number>();
  for (const m of svg.matchAll(PAINT)) {
    const value = (m[2] ?? m[3] ?? "").trim();
    if (!value || /^(none|transparent|currentcolor|inherit)$/i.test(value) || /^url\(/i.test(value)) continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [value, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = value;
  return best;
}

/** True when nothing in the drawing names a paint: it is all the default black fill. */
export function paintsByDefault(svg: string): boolean {
  return ![...svg.matchAll(PAINT)].some((m) => !/^none$/i.test((m[2] ?? m[3] ?? "").trim()));
}
