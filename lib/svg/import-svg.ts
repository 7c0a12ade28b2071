/**
 * A designer's own SVG file (or pasted SVG text) read as the first round of a session. It is
 * treated like model output: the same size limit, XML errors reported at their line and column
 * in the file, and sanitized (no script, handler or external reference survives; it is only
 * ever shown as an image anyway). An editor's clutter is fine: the XML declaration, a DOCTYPE
 * and comments before the root, <metadata>, Inkscape's and Sodipodi's elements and attributes
 * are read past and dropped, so the critic sees the drawing and the refiner gets it clean.
 */
import { isBlankSvg } from "./blank-svg";
import { extractSvg } from "./extract-svg";
import { validateSvg } from "./validate-svg";

export type SvgImport = { ok: true; text: string; svg: string; blank: boolean } | { ok: false; message: string; line: number | null };

/** Whether pasted text is an SVG document (rather than a prompt that mentions one). */
export function looksLikeSvg(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text);
}

/** Drops what a sanitizer keeps but no renderer needs: <metadata> and the blank lines left where clutter was. */
function tidy(svg: string): string {
  return svg
    .replace(/<metadata\b[^>]*\/>|<metadata\b[^>]*>[\s\S]*?<\/metadata>/gi, "")
    .replace(/\n[ \t]*(?=\n)/g, "")
    .replace(/\n{2,}/g, "\n");
}

/** `maxBytes`: the studio's SVG limit (LIMITS.svgBytes), the same as for model output. */
export function readSvgImport(raw: string, sanitize: (svg: string) => string, maxBytes: number): SvgImport {
  const text = raw.replace(/^\uFEFF/, "");
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    return { ok: false, message: `The file is ${Math.ceil(bytes / 1024)} kB: an SVG may be at most ${maxBytes / 1024} kB.`, line: null };
  }
  if (!text.trim()) return { ok: false, message: "The file is empty.", line: null };
  const validation = validateSvg(text);
  if (!validation.ok) return { ok: false, message: `Line ${validation.line}, column ${validation.column}: ${validation.message}`, line: validation.line };
  const extraction = extractSvg(text);
  if (extraction.status !== "ok") return { ok: false, message: "The file has no complete <svg> element.", line: null };
  const svg = tidy(sanitize(extraction.svg));
  if (!validateSvg(svg).ok || !/^<svg[\s>]/.test(svg))
    return { ok: false, message: "Nothing of the file is left once it is sanitized: it is not an SVG drawing.", line: null };
  return { ok: true, text, svg, blank: isBlankSvg(svg) };
}
