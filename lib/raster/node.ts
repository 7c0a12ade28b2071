/**
 * The Node implementation of the rasterize contract (batch runs, the CLI, the built-in engine):
 * the same pipeline as the browser's (raster-contract.ts: validate, sanitize with jsdom +
 * DOMPurify, neutralize every external reference, size), drawn by resvg. resvg runs no script;
 * it is given no resources directory and, after the pipeline, no href or url() that is not an
 * in-document `#id` or inline data, so it reads no file (resvg-js would otherwise load a local
 * `<image href="/abs/path.png">`) and fetches nothing. Only fonts come from the system: see
 * fontOptions.
 */
import { renderAsync, Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";
import { prepareSvgForRaster, RasterError, rasterOptions, type RasterOptions } from "./raster-contract";

/**
 * Fonts: system fonts, and only when the document has text (loading them costs a scan of the
 * font directories on every render, and a drawing without text looks the same either way).
 * Without fonts resvg silently drops all text, where Chromium draws it. The generic families
 * are those Chromium's defaults resolve to through fontconfig on Linux (Times New Roman, Arial
 * and Courier New are aliased to their metric-compatible Liberation fonts); resvg's font
 * database has no aliases, so it is told the Liberation names, and falls back to the first
 * system font where those are missing.
 */
function fontOptions(svg: string): NonNullable<ResvgRenderOptions["font"]> {
  if (!/<(?:[\w.-]+:)?text\b/.test(svg)) return { loadSystemFonts: false };
  return {
    loadSystemFonts: true,
    defaultFontFamily: "Liberation Serif",
    serifFamily: "Liberation Serif",
    sansSerifFamily: "Liberation Sans",
    monospaceFamily: "Liberation Mono",
  };
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
