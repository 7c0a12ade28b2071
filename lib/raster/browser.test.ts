// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { rasterizeSvgInBrowser } from "./browser";
import { rasterizeSvgNode } from "./node";
import { CRITIC_RASTER, prepareSvgForRaster, RasterError } from "./raster-contract";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";

const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** jsdom has no image decoding or canvas: record what the rasterizer loads and draws instead. */
function fakeImagePipeline() {
  const loaded: string[] = [];
  const drawn: unknown[][] = [];
  Object.defineProperty(HTMLImageElement.prototype, "decode", {
    configurable: true,
    value(this: HTMLImageElement) {
      loaded.push(this.src);
      return Promise.resolve();
    },
  });
  const context = {
    fillStyle: "",
    fillRect: (...a: unknown[]) => drawn.push(["fillRect", context.fillStyle, ...a]),
    drawImage: (_: unknown, ...a: unknown[]) => drawn.push(["drawImage", ...a]),
  };
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(() => context as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockImplementation(() => "data:image/png;base64,AA==");
  return { loaded, drawn };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete (HTMLImageElement.prototype as { decode?: unknown }).decode;
});

describe("rasterizeSvgInBrowser follows the same contract as rasterizeSvgNode", () => {
  it("refuses the same invalid SVGs with the same message", async () => {
    for (const svg of ["", `<svg ${NS}>\n<g>\n</svg>`, `<svg ${NS}><text>&nbsp;</text></svg>`, `<svg ${NS}/><svg ${NS}/>`]) {
      const browser = await rasterizeSvgInBrowser(svg).catch((e: Error) => e);
      const node = await rasterizeSvgNode(svg).catch((e: Error) => e);
      expect(browser).toBeInstanceOf(RasterError);
      expect((browser as Error).message).toBe((node as Error).message);
    }
    await expect(rasterizeSvgInBrowser(`<svg ${NS}/>`, { width: 5000 })).rejects.toThrow(RasterError);
  });

  it("loads exactly the document resvg is given: sanitized, neutralized and sized", async () => {
    const { loaded, drawn } = fakeImagePipeline();
    const svg =
      `<svg ${NS} viewBox="0 0 200 200" onload="alert(1)"><script>alert(2)</script>` +
      `<image href="/etc/passwd" width="9" height="9"/><style>@import url(http://127.0.0.1:1/x.css);</style>` +
      `<path fill="#2F88FF" d="M40 40 L160 40 L160 160 L40 160 Z"/></svg>`;
    await expect(rasterizeSvgInBrowser(svg)).resolves.toBe("data:image/png;base64,AA==");
    expect(loaded).toHaveLength(1);
    const prefix = "data:image/svg+xml;charset=utf-8,";
    expect(loaded[0].startsWith(prefix)).toBe(true);
    const document = decodeURIComponent(loaded[0].slice(prefix.length));
    expect(document).toBe(prepareSvgForRaster(svg, CRITIC_RASTER, sanitizeSvgInNode));
    expect(document).not.toMatch(/script|onload|passwd|@import/);
    expect(drawn).toEqual([
      ["fillRect", "white", 0, 0, 200, 200],
      ["drawImage", 0, 0, 200, 200],
    ]);
  });

  it("draws no background for a transparent download", async () => {
    const { drawn } = fakeImagePipeline();
    await rasterizeSvgInBrowser(`<svg ${NS}/>`, { width: 512, height: 512, background: null });
    expect(drawn).toEqual([["drawImage", 0, 0, 512, 512]]);
  });

  it("says so when the browser cannot decode the document", async () => {
    fakeImagePipeline();
    Object.defineProperty(HTMLImageElement.prototype, "decode", { configurable: true, value: () => Promise.reject(new Error("x")) });
    await expect(rasterizeSvgInBrowser(`<svg ${NS}/>`)).rejects.toThrow("The SVG cannot be rendered: the browser could not decode it as an image.");
  });
});
