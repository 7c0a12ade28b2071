import { describe, expect, it } from "vitest";
import { cssBackground, svgDataUri } from "./css-exports";
import { FAVICON_FILES, faviconZip, scaledPngName } from "./png-sets";
import { unzipSync, strFromU8 } from "fflate";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">\n  <path fill="#E53935" d="M4 4h16v16H4z"/><text>50% &amp; (x)</text></svg>';

describe("svgDataUri", () => {
  it("decodes back to the same document (quotes single, whitespace folded)", () => {
    const uri = svgDataUri(SVG);
    expect(uri.startsWith("data:image/svg+xml,")).toBe(true);
    expect(decodeURIComponent(uri.slice("data:image/svg+xml,".length))).toBe(SVG.replace(/\s+/g, " ").replace(/"/g, "'"));
    expect(uri).not.toMatch(/["#<>()\n]/);
    expect(uri).toContain("%23E53935");
  });

  it('fits in a CSS url("…") as it is', () => {
    const css = cssBackground(SVG);
    expect(css).toMatch(/^background: url\("data:image\/svg\+xml,[^"()]*"\) center \/ contain no-repeat;$/);
  });
});

describe("PNG sets", () => {
  it("names scales like the platforms do", () => {
    expect(scaledPngName("a-kite-round-2", 32, 1)).toBe("a-kite-round-2-32.png");
    expect(scaledPngName("a-kite-round-2", 32, 3)).toBe("a-kite-round-2-32@3x.png");
  });

  it("zips the favicon set with its SVG and <head> lines", async () => {
    const pngs = Object.fromEntries(FAVICON_FILES.map((f) => [f.name, new Uint8Array([f.size])]));
    const files = unzipSync(await faviconZip(pngs, SVG));
    expect(Object.keys(files).sort()).toEqual([...FAVICON_FILES.map((f) => f.name), "favicon-head.html", "icon.svg"].sort());
    expect(FAVICON_FILES.map((f) => f.size)).toEqual([16, 32, 48, 180, 512]);
    expect(strFromU8(files["icon.svg"])).toBe(SVG);
    expect(strFromU8(files["favicon-head.html"])).toContain('sizes="180x180"');
  });
});
