/**
 * The PNG sets a round exports, as names and sizes (the pixels come from the platform's
 * rasterizer): one size at 1×, 2× and 3×, and a favicon set with the HTML that links it.
 *
 * The ZIP writer (fflate, ~10 kB gzipped) loads when a set is first made, not with the studio:
 * the names and sizes here are part of the export panel the first page draws.
 */

export const PNG_BASE_SIZES = [16, 24, 32, 48, 64, 128, 200, 256, 512, 1024] as const;
export const PNG_SCALES = [1, 2, 3] as const;
export type PngScale = (typeof PNG_SCALES)[number];

/** `stem-32.png`, `stem-32@2x.png`: the 1× name is the plain one (Download PNG's). */
export function scaledPngName(stem: string, size: number, scale: PngScale): string {
  return `${stem}-${size}${scale === 1 ? "" : `@${scale}x`}.png`;
}

export interface FaviconFile {
  name: string;
  size: number;
}

/** The favicon set: browsers' 16/32/48, Apple's touch icon (180) and the PWA / large icon (512). */
export const FAVICON_FILES: readonly FaviconFile[] = [
  { name: "favicon-16x16.png", size: 16 },
  { name: "favicon-32x32.png", size: 32 },
  { name: "favicon-48x48.png", size: 48 },
  { name: "apple-touch-icon.png", size: 180 },
  { name: "icon-512x512.png", size: 512 },
];

const FAVICON_HTML = `<link rel="icon" type="image/svg+xml" href="/icon.svg">
<link rel="icon" type="image/png" sizes="16x16" href="/favicon-16x16.png">
<link rel="icon" type="image/png" sizes="32x32" href="/favicon-32x32.png">
<link rel="icon" type="image/png" sizes="48x48" href="/favicon-48x48.png">
<link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">
`;

/** A ZIP of PNGs by name (stored: PNGs are deflated already), plus extra text files. */
export async function pngZip(pngs: Record<string, Uint8Array>, texts: Record<string, string> = {}): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import("fflate");
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  for (const [name, bytes] of Object.entries(pngs)) files[name] = [bytes, { level: 0 }];
  for (const [name, text] of Object.entries(texts)) files[name] = strToU8(text);
  return zipSync(files, { level: 6 });
}

/** The favicon ZIP: the PNGs of FAVICON_FILES, the optimized SVG as icon.svg, and the <head> lines. */
export function faviconZip(pngs: Record<string, Uint8Array>, svg: string): Promise<Uint8Array> {
  return pngZip(pngs, { "icon.svg": svg, "favicon-head.html": FAVICON_HTML });
}
