import { describe, expect, it } from "vitest";
import { compose, parseSvg, placeDrawing, readWrapper, userToCanvas, viewBoxOf, withViewBox } from "./svg-document";

describe("svg-document", () => {
  it("reads the root attributes and content", () => {
    const parts = parseSvg(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"><path d="M0 0h1"/></svg>`);
    expect(parts?.attrs.viewBox).toBe("0 0 24 24");
    expect(parts?.attrs.fill).toBe("none");
    expect(parts?.inner).toBe(`<path d="M0 0h1"/>`);
  });

  it("maps a viewBox onto the 200×200 canvas like cairosvg (meet, centred)", () => {
    expect(userToCanvas({ viewBox: "0 0 24 24" })).toEqual({ s: 200 / 24, tx: 0, ty: 0 });
    const wide = userToCanvas({ viewBox: "0 0 400 200" });
    expect(wide).toEqual({ s: 0.5, tx: 0, ty: 50 });
    expect(viewBoxOf({ width: "64", height: "32" })).toEqual([0, 0, 64, 32]);
  });

  it("puts any drawing into the model's root, keeping inherited presentation attributes", () => {
    const out = placeDrawing(`<svg viewBox="0 0 24 24" stroke="#f00" fill="none"><path d="M2 2h20"/></svg>`);
    expect(
      out.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g transform="translate(0 0) scale(8.3333)" stroke="#f00" fill="none">`),
    ).toBe(true);
  });

  it("folds its own wrapper instead of nesting transforms round after round", () => {
    const once = placeDrawing(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g transform="translate(10 20) scale(0.5)"><g><path d="M0 0h10"/></g></g></svg>`,
      { s: 2, tx: -5, ty: 0 },
    );
    expect(once).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><g transform="translate(15 40) scale(1)"><g><path d="M0 0h10"/></g></g></svg>`,
    );
    expect(readWrapper(`<g transform="translate(1 2) scale(3)"><path/></g><g/>`)).toBeNull();
    expect(compose({ s: 2, tx: 1, ty: 1 }, { s: 3, tx: 0, ty: 10 })).toEqual({ s: 6, tx: 3, ty: 13 });
  });

  it("can look at a drawing through a wider window", () => {
    const wide = withViewBox(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="250" cy="100" r="10"/></svg>`, [-200, -200, 600, 600]);
    expect(wide).toContain(`viewBox="-200 -200 600 600"`);
    expect(wide).toContain(`<circle cx="250"`);
  });
});
