/** One sanitizer per page, created on first use (DOMPurify needs the browser's window). */
import { memoizeRecent } from "./memoize-recent";
import { createSvgSanitizer, parseSvgXml, type SvgSanitizer } from "./sanitize-svg";
import { validateSvg } from "./validate-svg";

let sanitizer: SvgSanitizer | null = null;

function pageSanitizer(): SvgSanitizer {
  sanitizer ??= createSvgSanitizer(window);
  return sanitizer;
}

export function sanitizeSvgInBrowser(svg: string): string {
  return pageSanitizer()(svg);
}

const imageUrlOf = (clean: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(clean)}`;

/** A data URL for showing untrusted SVG in an <img>: sanitized, and inert in that mode anyway. */
export const svgImageUrl = memoizeRecent((svg: string): string => imageUrlOf(sanitizeSvgInBrowser(svg)));

/** Above this size an SVG shown in the page is sanitized a slice at a time (see below). */
export const SLICED_SANITIZE_CHARS = 64 * 1024;
const SLICE_CHARS = 24 * 1024;

const SVG_NS = "http://www.w3.org/2000/svg";

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The same sanitizing as sanitizeSvgInBrowser, a slice at a time with the page free between
 * slices: DOMPurify takes a few hundred milliseconds over a 500 kB SVG, one long task that froze
 * the page as such a round opened. The document is parsed once, as XML (natively); the root
 * element is sanitized alone, then its children in runs of about SLICE_CHARS, each run handed to
 * DOMPurify as nodes inside a bare <svg> (so each child is judged under the same parent as in
 * place), and the sanitized pieces are put back together in order. Given nodes, DOMPurify does
 * not parse again: the slices keep XML's reading where the whole text would be read as HTML
 * (a self-closed <iframe/> in a foreignObject, say, which HTML reads as swallowing what
 * follows). A document that does not parse as SVG is sanitized whole.
 */
export async function sanitizeSvgInSlices(svg: string): Promise<string> {
  const purify = pageSanitizer();
  // Not in the caller's task (often a render): parsing 500 kB alone takes tens of milliseconds.
  await nextTask();
  const root = parseSvgXml(new DOMParser(), svg);
  if (!root) return purify(svg);
  const doc = root.ownerDocument;
  const serializer = new XMLSerializer();
  const shell = purify(serializer.serializeToString(root.cloneNode(false)));
  if (!/^<svg[\s>/]/.test(shell)) return purify(svg);
  const parts = [shell.replace(/\s*\/>\s*$/, ">").replace(/<\/svg>\s*$/, "")];

  const children = Array.from(root.childNodes);
  // Slices of about SLICE_CHARS of source text, judged by the children's average length.
  const perSlice = Math.max(1, Math.floor((children.length * SLICE_CHARS) / svg.length));
  for (let at = 0; at < children.length;) {
    const wrapper = doc.createElementNS(SVG_NS, "svg");
    for (const child of children.slice(at, (at += perSlice))) wrapper.appendChild(child);
    const clean = purify.fragment(wrapper).firstChild;
    for (const node of Array.from(clean?.childNodes ?? [])) parts.push(serializer.serializeToString(node));
    if (at < children.length) await nextTask();
  }
  parts.push("</svg>");
  return parts.join("");
}

const slicedImageUrls = memoizeRecent(async (svg: string): Promise<string | null> => {
  // Validating 500 kB takes tens of milliseconds too: a task of its own, not the caller's render.
  await nextTask();
  if (!validateSvg(svg).ok) return null;
  return imageUrlOf(await sanitizeSvgInSlices(svg));
}, 4);

/**
 * The picture of an untrusted SVG document for an <img>: a sanitized data URL, or null when the
 * document does not parse (validateSvg). Below SLICED_SANITIZE_CHARS at once; above, later, with
 * the validation and each slice of the sanitizing in tasks of their own.
 */
export function svgImageUrlSoon(svg: string): string | null | Promise<string | null> {
  if (svg.length >= SLICED_SANITIZE_CHARS) return slicedImageUrls(svg);
  return validateSvg(svg).ok ? svgImageUrl(svg) : null;
}
