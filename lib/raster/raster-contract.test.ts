import { describe, expect, it } from "vitest";
import {
  CRITIC_RASTER,
  isInlineReference,
  MAX_RASTER_SIDE,
  neutralizeExternalReferences,
  prepareSvgForRaster,
  RasterError,
  rasterOptions,
} from "./raster-contract";
import { sanitizeSvgInNode } from "../svg/sanitize-in-node";
import { validateSvg } from "../svg/validate-svg";
import { trainDirect } from "../../test/support/train-examples";

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const identity = (svg: string) => svg;

describe("rasterOptions", () => {
  it("defaults to the critic's image: 200×200 on white", () => {
    expect(CRITIC_RASTER).toEqual({ width: 200, height: 200, background: "white" });
    expect(rasterOptions()).toEqual(CRITIC_RASTER);
    expect(rasterOptions({ width: 512, height: 256, background: null })).toEqual({ width: 512, height: 256, background: null });
    expect(rasterOptions({ background: undefined })).toEqual(CRITIC_RASTER);
  });

  it("refuses sizes that are not whole pixels within the limit", () => {
    for (const width of [0, -1, 1.5, Number.NaN, MAX_RASTER_SIDE + 1]) {
      expect(() => rasterOptions({ width })).toThrow(RasterError);
    }
    expect(() => rasterOptions({ height: 10_000 })).toThrow(
      /The SVG cannot be rendered: the image size must be a whole number of pixels from 1 to 4096, not 10000\./,
    );
  });
});

describe("RasterError", () => {
  it("reads as one sentence, with the place when known", () => {
    const e = new RasterError("Unexpected end of input.", { line: 3, column: 7 });
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("The SVG cannot be rendered: Unexpected end of input (line 3, column 7).");
    expect([e.reason, e.line, e.column]).toEqual(["Unexpected end of input", 3, 7]);
    expect(new RasterError("no 2D canvas is available").message).toBe("The SVG cannot be rendered: no 2D canvas is available.");
  });
});

describe("prepareSvgForRaster", () => {
  it("refuses malformed SVG with the validator's line and column, before sanitizing", () => {
    const svg = `<svg ${NS} viewBox="0 0 10 10">\n  <text>a&nbsp;b</text>\n</svg>`;
    let sanitized = false;
    const error = (() => {
      try {
        prepareSvgForRaster(svg, CRITIC_RASTER, (s) => ((sanitized = true), s));
      } catch (e) {
        return e as RasterError;
      }
    })();
    expect(error).toBeInstanceOf(RasterError);
    const v = validateSvg(svg);
    expect(v.ok).toBe(false);
    expect(error).toMatchObject({ line: 2, column: 10 });
    expect(error?.message).toBe("The SVG cannot be rendered: Undefined entity '&nbsp;' (XML knows only &amp; &lt; &gt; &quot; &apos;) (line 2, column 10).");
    expect(sanitized).toBe(false);
  });

  it("sanitizes, then sizes: IntroSVG output keeps its drawing and gets the target size", () => {
    const svg = trainDirect()[0].assistant;
    const out = prepareSvgForRaster(svg, { width: 200, height: 200, background: "white" }, sanitizeSvgInNode);
    expect(out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 200 200" width="200" height="200">/);
    expect(out.match(/<path /g)?.length).toBe(svg.match(/<path /g)?.length);
    expect(validateSvg(out)).toEqual({ ok: true });
  });

  it("neutralizes external references even when the platform sanitizer lets them through", () => {
    const svg =
      `<svg ${NS} ${XLINK} viewBox="0 0 10 10"><image href="/etc/passwd" width="5" height="5"/>` +
      `<image xlink:href="file:///tmp/x.png"/><filter id="f"><feImage href="/tmp/a.png"/></filter>` +
      `<use href="other.svg#a"/><style>@import url(http://127.0.0.1:1/x.css);</style></svg>`;
    const out = prepareSvgForRaster(svg, CRITIC_RASTER, identity);
    expect(out).not.toMatch(/passwd|file:|\/tmp|other\.svg|@import|127\.0\.0\.1/);
    expect(validateSvg(out)).toEqual({ ok: true });
  });

  it("says so when the sanitizer leaves nothing to draw or fails", () => {
    expect(() => prepareSvgForRaster(`<svg ${NS}/>`, CRITIC_RASTER, () => "")).toThrow(
      "The SVG cannot be rendered: nothing renderable is left after sanitizing.",
    );
    expect(() =>
      prepareSvgForRaster(`<svg ${NS}/>`, CRITIC_RASTER, () => {
        throw new Error("boom");
      }),
    ).toThrow("The SVG cannot be rendered: it could not be sanitized (boom).");
  });
});

describe("isInlineReference", () => {
  it("accepts in-document ids and inline raster data only", () => {
    for (const ok of ["#a", " #g1", "data:image/png;base64,AAAA", "DATA:image/jpeg;base64,/9j", "data:image/webp,xyz"])
      expect(isInlineReference(ok), ok).toBe(true);
    for (const bad of [
      "/etc/passwd",
      "file:///tmp/a.png",
      "a.png",
      "http://127.0.0.1:1/x.png",
      "//evil/x",
      "data:image/svg+xml,<svg/>",
      "data:text/html,x",
      "javascript:alert(1)",
      "",
    ]) {
      expect(isInlineReference(bad), bad).toBe(false);
    }
  });
});

describe("neutralizeExternalReferences", () => {
  it("leaves a document with only local references unchanged, byte for byte", () => {
    const svg =
      `<svg ${NS} ${XLINK} viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>` +
      `<path id="p" d="M0 0 L5 5" /></defs><use href="#p" fill="url(#g)"/><use xlink:href="#p" style="fill: url( '#g' )"/>` +
      `<filter id="f"><feImage href="#p"/></filter><style><![CDATA[ .a > .b { fill: url(#g) } ]]></style><text>url(http://x) is only text</text></svg>`;
    expect(neutralizeExternalReferences(svg)).toBe(svg);
    for (const { assistant } of trainDirect()) expect(neutralizeExternalReferences(assistant)).toBe(assistant);
  });

  it("removes every href / xlink:href / src that would load, on any element", () => {
    const cases = [
      `<image href="/etc/passwd"/>`,
      `<image xlink:href="file:///tmp/a.png"/>`,
      `<image href="http://127.0.0.1:1/x.png"/>`,
      `<image href="a.png"/>`,
      `<image href="data:image/svg+xml;base64,PHN2Zy8+"/>`,
      `<use href="sprite.svg#icon"/>`,
      `<use xlink:href="//evil.example/s.svg#i"/>`,
      `<feImage href="/tmp/a.png"/>`,
      `<a ns1:href="https://evil.example/" xmlns:ns1="http://www.w3.org/1999/xlink"/>`,
      `<image href="&#x2F;etc&#47;passwd"/>`,
      `<image href=" &#9;/etc/passwd"/>`,
      `<image href='/etc/passwd'/>`,
    ];
    for (const element of cases) {
      const out = neutralizeExternalReferences(`<svg ${NS} ${XLINK}>${element}</svg>`);
      expect(out, element).not.toMatch(/\bhref=/);
      expect(validateSvg(out), element).toEqual({ ok: true });
    }
    expect(neutralizeExternalReferences(`<svg ${NS}><image href="data:image/png;base64,AAAA" width="1"/></svg>`)).toContain(
      'href="data:image/png;base64,AAAA"',
    );
  });

  it("removes attributes with an external url(), escaped or not, and keeps the rest of the element", () => {
    const cases = [
      `fill="url(http://evil.example/f.svg#g)"`,
      `style="fill: url('/tmp/a.svg#g')"`,
      `filter="url( file:///tmp/f.svg#f)"`,
      `style="fill: u\\72l(http://evil.example/x)"`,
      `style="fill: url(&quot;http://evil.example/x&quot;)"`,
      `mask="url(/* c */http://evil.example/m#m)"`,
    ];
    for (const attribute of cases) {
      const out = neutralizeExternalReferences(`<svg ${NS}><path d="M0 0" ${attribute} stroke="red"/></svg>`);
      expect(out, attribute).toBe(`<svg ${NS}><path d="M0 0" stroke="red"/></svg>`);
    }
  });

  it("empties a <style> that could load something, and keeps a harmless one", () => {
    const loading = [
      "@import url(http://127.0.0.1:1/x.css);",
      "@import 'x.css';",
      "@\\69mport 'x.css';",
      "&#64;import 'x.css';",
      "path { fill: url(http://evil.example/p.svg#p) }",
      "path { background: image-set('a.png' 1x) }",
      "@font-face { font-family: f; src: url(/tmp/f.ttf) }",
      "<![CDATA[ @import 'x.css'; ]]>",
    ];
    for (const css of loading) {
      expect(neutralizeExternalReferences(`<svg ${NS}><style>${css}</style><path d="M0 0"/></svg>`), css).toBe(
        `<svg ${NS}><style></style><path d="M0 0"/></svg>`,
      );
    }
    const harmless = `<svg ${NS}><style>.a { fill: url(#g) } .b { stroke: #123 }</style></svg>`;
    expect(neutralizeExternalReferences(harmless)).toBe(harmless);
  });

  it("refuses markup it cannot read rather than passing it through", () => {
    expect(() => neutralizeExternalReferences(`<svg ${NS}><image href="/etc/passwd" bare></svg>`)).toThrow(/cannot read/);
  });
});
