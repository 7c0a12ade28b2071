/**
 * Whether an SVG draws nothing: no element that paints (a shape, text, a <use>), outside the
 * parts that never paint by themselves (<defs>, <metadata>, <title>, <desc>, <clipPath>, masks,
 * patterns, symbols, gradients), or only shapes with neither fill nor stroke. A candidate that
 * is blank is never chosen (lib/loop/candidates.ts), whatever the critic made of it. A white
 * background rect alone also counts as blank: it paints white on white.
 */
const NON_PAINTING =
  /<(defs|metadata|title|desc|clipPath|mask|pattern|symbol|linearGradient|radialGradient|filter|marker|style)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\s*>)/gi;
const PAINTING = /<(path|rect|circle|ellipse|line|polyline|polygon|text|use|image)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const WHITE = /^(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))$/i;

function attribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(attributes);
  const styled = new RegExp(`(?:^|;|\\s|")${name}\\s*:\\s*([^;"']+)`, "i").exec(/style\s*=\s*("[^"]*"|'[^']*')/i.exec(attributes)?.[1] ?? "");
  const value = styled?.[1] ?? (m ? (m[2] ?? m[3]) : null);
  return value === null ? null : value.trim();
}

/** Whether this element paints something other than a plain white fill. */
function paintsInk(tag: string, attributes: string): boolean {
  const fill = attribute(attributes, "fill");
  const stroke = attribute(attributes, "stroke");
  const noFill = fill !== null && /^none$/i.test(fill);
  const noStroke = stroke === null || /^none$/i.test(stroke);
  if (noFill && noStroke) return false;
  // A white fill without a stroke is a background (on the critic's white canvas it shows nothing).
  if (tag.toLowerCase() !== "text" && fill !== null && WHITE.test(fill) && noStroke) return false;
  return true;
}

export function isBlankSvg(svg: string): boolean {
  const markup = svg.replace(/<!--[\s\S]*?-->/g, "").replace(NON_PAINTING, "");
  for (const m of markup.matchAll(PAINTING)) {
    if (paintsInk(m[1], m[2])) return false;
  }
  return true;
}
