/** One sanitizer per page, created on first use (DOMPurify needs the browser's window). */
import { memoizeRecent } from "./memoize-recent";
import { createSvgSanitizer } from "./sanitize-svg";

let sanitizer: ((svg: string) => string) | null = null;

export function sanitizeSvgInBrowser(svg: string): string {
  sanitizer ??= createSvgSanitizer(window);
  return sanitizer(svg);
}

/** A data URL for showing untrusted SVG in an <img>: sanitized, and inert in that mode anyway. */
export const svgImageUrl = memoizeRecent((svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sanitizeSvgInBrowser(svg))}`);
