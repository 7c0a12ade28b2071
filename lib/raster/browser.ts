/**
 * The browser implementation of the rasterize port, matching the reference's cairosvg call
 * (200×200, opaque white, the SVG scaled to fill). The SVG is sanitized and loaded as an image
 * from a blob URL: in that mode browsers run no script and fetch nothing.
 */
import { RASTER } from "../introsvg/sampling";
import { prepareForRaster } from "../svg/prepare-for-raster";
import { sanitizeSvgInBrowser } from "../svg/sanitize-in-browser";
import { validateSvg } from "../svg/validate-svg";

export async function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Renders an SVG to a PNG data URL. Defaults are the critic's image; downloads pass their own
 * size and `background: null` for a transparent PNG.
 */
export async function rasterizeSvgInBrowser(
  svg: string,
  { width = RASTER.width, height = RASTER.height, background = RASTER.background as string | null } = {},
): Promise<string> {
  const validation = validateSvg(svg);
  if (!validation.ok) {
    throw new Error(`The SVG cannot be rendered: ${validation.message} (line ${validation.line}, column ${validation.column}).`);
  }
  let image: HTMLImageElement;
  try {
    image = await loadSvgImage(prepareForRaster(sanitizeSvgInBrowser(svg), width, height));
  } catch {
    throw new Error("The SVG cannot be rendered: the browser could not decode it as an image.");
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("The SVG cannot be rendered: no 2D canvas is available.");
  if (background) {
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL("image/png");
}
