/**
 * The one rasterize contract, shared by the browser (canvas) and Node (resvg) rasterizers:
 * the same options, the same error and the same pre-render pipeline, so both refuse the same
 * SVGs with the same message and draw the same document.
 *
 *   validate  → refused with a line and column (RasterError) when not well-formed SVG
 *   sanitize  → DOMPurify's SVG profile (the platform's sanitizer: the page's window, or jsdom)
 *   neutralize→ a DOM-free second pass over the sanitized XML: every href / xlink:href that is
 *               not an in-document `#id` or inline raster data is removed (<image>, <use>,
 *               <feImage>, any element), as is any url() that is not `url(#id)`, and a <style>
 *               that could load something (@import, @font-face, external url(), image-set())
 *               is emptied. Nothing external or local (file paths, file:, http:) is ever
 *               loaded, whatever the sanitizer's configuration.
 *   size      → prepareForRaster: the root gets the target width/height (and a viewBox).
 */
import { RASTER } from "../introsvg/sampling";
import { prepareForRaster } from "../svg/prepare-for-raster";
import { validateSvg } from "../svg/validate-svg";

export interface RasterOptions {
  width: number;
  height: number;
  /** A CSS colour painted under the drawing, or null for a transparent PNG. */
  background: string | null;
}

/** The critic's image: 200×200 on white, as the reference script's cairosvg call. */
export const CRITIC_RASTER: Readonly<RasterOptions> = Object.freeze({
  width: RASTER.width,
  height: RASTER.height,
  background: RASTER.background,
});

/** Largest side either rasterizer accepts (downloads offer up to 2048). */
export const MAX_RASTER_SIDE = 4096;

/** Why an SVG could not be rendered; `message` is for the user and names the place when known. */
export class RasterError extends Error {
  readonly reason: string;
  readonly line?: number;
  readonly column?: number;

  constructor(reason: string, position?: { line: number; column: number }) {
    const text = reason.trim().replace(/\.$/, "");
    super(`The SVG cannot be rendered: ${text}${position ? ` (line ${position.line}, column ${position.column})` : ""}.`);
    this.name = "RasterError";
    this.reason = text;
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}

/** The critic's defaults with the given fields replaced; refuses sizes no rasterizer should draw. */
export function rasterOptions(options: Partial<RasterOptions> = {}): RasterOptions {
  const resolved: RasterOptions = {
    width: options.width ?? CRITIC_RASTER.width,
    height: options.height ?? CRITIC_RASTER.height,
    background: options.background === undefined ? CRITIC_RASTER.background : options.background,
  };
  for (const side of [resolved.width, resolved.height]) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_RASTER_SIDE) {
      throw new RasterError(`the image size must be a whole number of pixels from 1 to ${MAX_RASTER_SIDE}, not ${side}`);
    }
  }
  return resolved;
}

/** A platform's SVG sanitizer (sanitizeSvgInBrowser or sanitizeSvgInNode). */
export type SvgSanitizer = (svg: string) => string;

/**
 * Validate → sanitize → neutralize → size: the document both rasterizers draw. Throws
 * RasterError (with line and column for malformed input).
 */
export function prepareSvgForRaster(svg: string, options: RasterOptions, sanitize: SvgSanitizer): string {
  const validation = validateSvg(svg);
  if (!validation.ok) throw new RasterError(validation.message, validation);
  let clean: string;
  try {
    clean = neutralizeExternalReferences(sanitize(svg));
  } catch (e) {
    throw new RasterError(`it could not be sanitized (${(e as Error).message})`);
  }
  if (!/^\s*<(?:[\w.-]+:)?svg\b/.test(clean)) throw new RasterError("nothing renderable is left after sanitizing");
  return prepareForRaster(clean, options.width, options.height);
}

// ---------------------------------------------------------------------------------------------
// The DOM-free pass. It reads the sanitizer's output (XMLSerializer's: attributes in double or
// single quotes, entities for &, <, > and quotes), so a tag scanner is exact enough; whatever it
// cannot read safely it removes.

/** In-document references and inline raster data; everything else would be a load. */
const INLINE_REFERENCE = /^(?:#|data:image\/(?:png|jpeg|gif|webp)[;,])/i;

export function isInlineReference(value: string): boolean {
  return INLINE_REFERENCE.test(value.trim());
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** CSS escapes (`\72`, `\(`) resolved, comments dropped, so `u\72l(` reads as `url(`. */
function cssPlain(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    })
    .replace(/\\([^\n])/g, "$1");
}

// `(?=\S)` pins the whitespace so backtracking cannot skip the `#` check.
const EXTERNAL_URL = /url\(\s*(?=\S)(?!['"]?\s*#)/i;
const LOADING_CSS = /@import|@font-face|image-set\(|url\(\s*(?=\S)(?!['"]?\s*#)/i;

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /(\s+)([^\s=/>]+)(\s*=\s*)("[^"]*"|'[^']*')/g;

function keepAttribute(name: string, quotedValue: string): boolean {
  const value = decodeXmlEntities(quotedValue.slice(1, -1));
  const local = name.slice(name.indexOf(":") + 1).toLowerCase();
  if (local === "href" || local === "src") return isInlineReference(value);
  return !EXTERNAL_URL.test(cssPlain(value));
}

function cleanAttributes(attributes: string): string {
  return attributes.replace(ATTRIBUTE, (whole, _space, name: string, _eq, quoted: string) => (keepAttribute(name, quoted) ? whole : ""));
}

/** Text between tokens; in well-formed XML it holds no '<', so one means a tag went unread. */
function text(segment: string): string {
  if (segment.includes("<")) throw new Error("markup the reference check cannot read");
  return segment;
}

/**
 * Removes every reference that would load something: see the module comment. Idempotent, and
 * leaves a document with no such reference unchanged.
 */
export function neutralizeExternalReferences(svg: string): string {
  let out = "";
  let last = 0;
  let styleStart = -1; // index in `out` where the open <style>'s text begins
  for (const m of svg.matchAll(TOKEN)) {
    const [whole, closing, name, attributes = "", selfClosing] = m;
    out += text(svg.slice(last, m.index));
    last = m.index + whole.length;
    if (!name) {
      // Comments, CDATA, processing instructions and doctypes: CDATA inside <style> is CSS.
      out += whole;
      continue;
    }
    const isStyle = name.slice(name.indexOf(":") + 1).toLowerCase() === "style";
    if (closing) {
      if (isStyle && styleStart >= 0) {
        const css = out.slice(styleStart).replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1");
        if (LOADING_CSS.test(cssPlain(decodeXmlEntities(css)))) out = out.slice(0, styleStart);
        styleStart = -1;
      }
      out += whole;
      continue;
    }
    const kept = cleanAttributes(attributes);
    out += kept === attributes ? whole : `<${name}${kept}${selfClosing ? "/" : ""}>`;
    if (isStyle && !selfClosing) styleStart = out.length;
  }
  out += text(svg.slice(last));
  // An unclosed <style> (never from a serializer) keeps nothing that could load.
  if (styleStart >= 0 && LOADING_CSS.test(cssPlain(decodeXmlEntities(out.slice(styleStart))))) out = out.slice(0, styleStart);
  return out;
}
