/** The SVG sanitizer on the server (exports), over one lazily created jsdom window. */
import { JSDOM } from "jsdom";
import { createSvgSanitizer } from "./sanitize-svg";

let sanitizer: ((svg: string) => string) | null = null;

export function sanitizeSvgInNode(svg: string): string {
  sanitizer ??= createSvgSanitizer(new JSDOM("").window as unknown as Parameters<typeof createSvgSanitizer>[0]);
  return sanitizer(svg);
}
