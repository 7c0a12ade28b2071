/**
 * An SVG as a data URI for CSS and HTML, percent-encoded rather than base64 (shorter, and gzip
 * compresses it far better): only the characters a URL or a CSS url("…") needs encoded are,
 * double quotes become single ones (so the URI sits in url("…") as it is), and whitespace runs
 * become one space. The approach of mini-svg-data-uri, in a few lines.
 */
export function svgDataUri(svg: string): string {
  const text = svg.trim().replace(/\s+/g, " ").replace(/"/g, "'");
  const encoded = encodeURIComponent(text).replace(/%(20|27|3D|3A|2F|2C|3B|40|28|29)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return `data:image/svg+xml,${encoded.replace(/\(/g, "%28").replace(/\)/g, "%29")}`;
}

/** A CSS declaration block that shows the icon as a background, scaled to its box. */
export function cssBackground(svg: string): string {
  return `background: url("${svgDataUri(svg)}") center / contain no-repeat;`;
}
