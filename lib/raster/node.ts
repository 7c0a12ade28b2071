/**
 * The Node implementation of the rasterize contract (batch runs, the CLI, the built-in engine):
 * the same pipeline as the browser's (raster-contract.ts: validate, sanitize with jsdom +
 * DOMPurify, neutralize every external reference, size), drawn by resvg. resvg runs no script;
 * it is given no resources directory and, after the pipeline, no href or url() that is not an
 * in-document `#id` or inline data, so it reads no file (resvg-js would otherwise load a local
 * `<image href="/abs/path.png">`, even without a resources directory) and fetches nothing. Only
 * fonts come from the system: see fontOptions.
 */
import { renderAsync, Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";
import { prepareSvgForRaster, RasterError, rasterOptions, type RasterOptions } from "./raster-contract";

/**
 * Fonts come from the system, and only when the document has text: scanning the font
 * directories costs ~25 ms a render (38 fonts here), and a drawing without text is the same
 * either way. Measured against Chromium (mean absolute difference per channel, 200×200):
 *   default / serif text:  no fonts 4.50/255 (resvg drops all text), system fonts with
 *                          resvg-js's default family 4.42, default "Liberation Serif" 0.64;
 *   sans-serif bold:       5.27 / 0.90 / 4.74 (resvg-js's default is the first font found,
 *                          Liberation Sans on this machine);  Arial + Times + monospace: 7.5 / 6.7 / 5.8.
 * So text is drawn (no fonts never agrees best), with Chromium's default family: Times New
 * Roman everywhere, which Linux's fontconfig resolves to its metric-compatible Liberation Serif
 * (shipped by most distributions). resvg-js 2.6.2 maps every generic family (serif,
 * sans-serif, monospace, …) and every missing family to that one default (its fonts.rs ignores
 * serifFamily/sansSerifFamily/…), so sans-serif text is drawn in the serif face while a named
 * installed family matches exactly; where Liberation Serif is missing, resvg-js falls back to
 * the first system font. Text never agrees to the pixel (glyph hinting differs), but it is
 * drawn where Chromium draws it. IntroSVG drawings are paths; this matters for rare text only.
 */
function fontOptions(svg: string): NonNullable<ResvgRenderOptions["font"]> {
  if (!/<(?:[\w.-]+:)?text\b/.test(svg)) return { loadSystemFonts: false };
  return { loadSystemFonts: true, defaultFontFamily: "Liberation Serif" };
}

function prepare(svg: string, options: Partial<RasterOptions>): { document: string; resvg: ResvgRenderOptions } {
  const o = rasterOptions(options);
  const document = prepareSvgForRaster(svg, o, sanitizeSvgInNode);
  return {
    document,
    resvg: {
      ...(o.background ? { background: o.background } : {}),
      fitTo: { mode: "width", value: o.width },
      font: fontOptions(document),
      logLevel: "off",
    },
  };
}

function resvgFailed(e: unknown): RasterError {
  return e instanceof RasterError ? e : new RasterError(`resvg could not draw it (${(e as Error).message})`);
}

/**
 * PNG bytes of the SVG as the critic sees it (defaults: 200×200 on white). Synchronous, for the
 * built-in engine's measurements. Throws RasterError.
 */
export function renderSvgPng(svg: string, options: Partial<RasterOptions> = {}): Buffer {
  const { document, resvg } = prepare(svg, options);
  try {
    return new Resvg(document, resvg).render().asPng();
  } catch (e) {
    throw resvgFailed(e);
  }
}

/**
 * The rasterize port in Node (RasterizePort with the default options): a PNG data URL, the
 * same bytes as renderSvgPng, drawn off the main thread. Rejects with RasterError.
 */
export async function rasterizeSvgNode(svg: string, options: Partial<RasterOptions> = {}): Promise<string> {
  const { document, resvg } = prepare(svg, options);
  try {
    const png = (await renderAsync(document, resvg)).asPng();
    return `data:image/png;base64,${png.toString("base64")}`;
  } catch (e) {
    throw resvgFailed(e);
  }
}
