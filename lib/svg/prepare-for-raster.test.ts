import { describe, expect, it } from "vitest";
import { prepareForRaster } from "./prepare-for-raster";
import { validateSvg } from "./validate-svg";
import { trainDirect } from "../../test/support/train-examples";

/** The root element's attributes, as a map. */
function rootAttrs(svg: string): Record<string, string> {
  const open = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(svg);
  if (!open) throw new Error("no <svg> tag");
  const attrs: Record<string, string> = {};
  for (const m of open[1].matchAll(/([\w:-]+)\s*=\s*(["'])(.*?)\2/g)) {
    if (m[1] in attrs) throw new Error(`attribute ${m[1]} repeated`);
    attrs[m[1]] = m[3];
  }
  return attrs;
}

describe("prepareForRaster", () => {
  it("sizes IntroSVG output (viewBox, no width/height) to 200×200 and keeps its viewBox", () => {
    const svg = trainDirect()[0].assistant;
    const out = prepareForRaster(svg, 200, 200);
    expect(rootAttrs(out)).toEqual({ xmlns: "http://www.w3.org/2000/svg", viewBox: "0 0 200 200", width: "200", height: "200" });
    // Only the root tag changes.
    expect(out.slice(out.indexOf(">") + 1)).toBe(svg.slice(svg.indexOf(">") + 1));
    expect(validateSvg(out)).toEqual({ ok: true });
  });

  it("rewrites an existing width and height and keeps an existing viewBox", () => {
    const out = prepareForRaster(
      '<svg xmlns="http://www.w3.org/2000/svg" width="24px" height="48" viewBox="0 0 12 24"><rect width="5" height="6"/></svg>',
      200,
      200,
    );
    expect(rootAttrs(out)).toEqual({ xmlns: "http://www.w3.org/2000/svg", viewBox: "0 0 12 24", width: "200", height: "200" });
    // Child elements keep their own sizes.
    expect(out).toContain('<rect width="5" height="6"/>');
  });

  it("derives the viewBox from the original width and height when there is none", () => {
    // Without a viewBox, a 64×32 drawing resized to 200×200 would be cropped, not scaled.
    const out = prepareForRaster("<svg xmlns='http://www.w3.org/2000/svg' width='64' height='32.5px'><circle r='4'/></svg>", 200, 200);
    expect(rootAttrs(out)).toEqual({ xmlns: "http://www.w3.org/2000/svg", viewBox: "0 0 64 32.5", width: "200", height: "200" });
  });

  it("derives no viewBox from a missing or zero size", () => {
    expect(rootAttrs(prepareForRaster('<svg xmlns="http://www.w3.org/2000/svg" width="64"><g/></svg>', 200, 200))).toEqual({
      xmlns: "http://www.w3.org/2000/svg",
      width: "200",
      height: "200",
    });
    expect(rootAttrs(prepareForRaster('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"><g/></svg>', 200, 200))).not.toHaveProperty("viewBox");
  });

  it("leaves stroke-width and other *width attributes on the root alone", () => {
    const out = prepareForRaster('<svg xmlns="http://www.w3.org/2000/svg" stroke-width="3" data-height="9" width="10" height="10"><g/></svg>', 200, 200);
    expect(rootAttrs(out)).toEqual({
      xmlns: "http://www.w3.org/2000/svg",
      "stroke-width": "3",
      "data-height": "9",
      viewBox: "0 0 10 10",
      width: "200",
      height: "200",
    });
  });

  it("adds the SVG namespace when missing (an <img> renders nothing without it)", () => {
    const out = prepareForRaster('<svg viewBox="0 0 10 10"><path d="M0 0"/></svg>', 200, 200);
    expect(rootAttrs(out)).toEqual({ viewBox: "0 0 10 10", xmlns: "http://www.w3.org/2000/svg", width: "200", height: "200" });
  });

  it("handles a self-closing root and other target sizes", () => {
    const out = prepareForRaster('<svg width="10" height="20"/>', 448, 448);
    expect(out).toBe('<svg viewBox="0 0 10 20" xmlns="http://www.w3.org/2000/svg" width="448" height="448"/>');
  });

  it("leaves text without an <svg> tag unchanged", () => {
    expect(prepareForRaster("not an svg", 200, 200)).toBe("not an svg");
  });
});
