// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { createSvgSanitizer } from "./sanitize-svg";
import { sanitizeSvgInBrowser, svgImageUrl } from "./sanitize-in-browser";
import { validateSvg } from "./validate-svg";
import { trainDirect } from "../../test/support/train-examples";

const sanitize = createSvgSanitizer(window);
const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** Parses as a strict XML parser (an <img>, resvg) would; throws with the parser's complaint. */
function parseXml(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}\n${svg}`);
  return doc;
}

function expectWellFormedSvg(svg: string): Document {
  expect(validateSvg(svg)).toEqual({ ok: true });
  const doc = parseXml(svg);
  expect(doc.documentElement.localName).toBe("svg");
  expect(doc.documentElement.namespaceURI).toBe("http://www.w3.org/2000/svg");
  return doc;
}

describe("createSvgSanitizer keeps IntroSVG output", () => {
  it.each(trainDirect())("$label keeps its paths, fills, viewBox and xmlns", ({ assistant }) => {
    const out = sanitize(assistant);
    const before = parseXml(assistant);
    const after = expectWellFormedSvg(out);
    expect(after.documentElement.getAttribute("viewBox")).toBe("0 0 200 200");
    expect(after.documentElement.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const paths = (doc: Document) => Array.from(doc.getElementsByTagName("path"), (p) => [p.getAttribute("fill"), p.getAttribute("d")]);
    expect(paths(after)).toEqual(paths(before));
    expect(paths(after).length).toBeGreaterThan(0);
  });

  it("keeps local references: gradients, clip paths, <use href=#id> and xlink:href", () => {
    const svg =
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>` +
      `<clipPath id="c"><rect width="5" height="5"/></clipPath><path id="p" d="M0 0"/></defs>` +
      `<use href="#p" fill="url(#g)"/><use xlink:href="#p" clip-path="url(#c)"/></svg>`;
    const doc = expectWellFormedSvg(sanitize(svg));
    expect(doc.getElementsByTagName("linearGradient")).toHaveLength(1);
    expect(doc.getElementsByTagName("clipPath")).toHaveLength(1);
    const uses = Array.from(doc.getElementsByTagName("use"));
    expect(uses.map((u) => u.getAttribute("href"))).toEqual(["#p", null]);
    expect(uses[1].getAttributeNS("http://www.w3.org/1999/xlink", "href")).toBe("#p");
    expect(uses[0].getAttribute("fill")).toBe("url(#g)");
    expect(uses[1].getAttribute("clip-path")).toBe("url(#c)");
  });

  it("serializes as XML: non-breaking spaces, entities and '<' in attributes stay well-formed", () => {
    // HTML serialization would write `&nbsp;`, which no XML parser accepts.
    const svg = `<svg ${NS} viewBox="0 0 10 10"><text aria-label="a&lt;b">x&#160;&amp;\u00a0y &lt;tag&gt;</text></svg>`;
    const out = sanitize(svg);
    expect(out).not.toContain("&nbsp;");
    const doc = expectWellFormedSvg(out);
    const text = doc.getElementsByTagName("text")[0];
    expect(text.textContent).toBe("x\u00a0&\u00a0y <tag>");
    expect(text.getAttribute("aria-label")).toBe("a<b");
  });

  it("keeps a harmless <style> (CSS child combinator and local url(#id) included)", () => {
    const css = ".a > .b { fill: url(#g) }";
    const out = sanitize(`<svg ${NS}><style>${css}</style><path class="a" d="M0 0"/></svg>`);
    const doc = expectWellFormedSvg(out);
    expect(doc.getElementsByTagName("style")[0].textContent).toBe(css);
  });
});

describe("createSvgSanitizer removes what could run or load", () => {
  const hostile =
    `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 200" onload="alert(1)">` +
    `<script>alert("s")</script>` +
    `<path id="keep" d="M0 0" onclick="alert(2)" onmouseover="alert(3)" fill="#123456"/>` +
    `<a href="javascript:alert(4)"><path d="M1 1"/></a>` +
    `<a xlink:href="https://evil.example/page"><path d="M2 2"/></a>` +
    `<use href="http://evil.example/sprite.svg#icon"/>` +
    `<use xlink:href="//evil.example/sprite.svg#icon"/>` +
    `<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>` +
    `<image href="http://evil.example/a.png" width="10" height="10"/>` +
    `<path d="M3 3" style="fill: url(http://evil.example/f.svg#g)"/>` +
    `<path d="M4 4" fill="url('https://evil.example/g.svg#g')"/>` +
    `<style>@import url("http://evil.example/x.css"); path { fill: red }</style>` +
    `<style>path { background: url(http://evil.example/b.png) }</style>` +
    `</svg>`;
  const out = sanitize(hostile);

  it("still returns a well-formed SVG with the harmless parts", () => {
    const doc = expectWellFormedSvg(out);
    const keep = doc.getElementById("keep");
    expect(keep?.getAttribute("d")).toBe("M0 0");
    expect(keep?.getAttribute("fill")).toBe("#123456");
    expect(doc.documentElement.getAttribute("viewBox")).toBe("0 0 200 200");
    expect(doc.getElementsByTagName("path")).toHaveLength(5);
  });

  it("removes scripts and on* handlers", () => {
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\bon\w+\s*=/i);
    expect(out).not.toContain("alert");
  });

  it("removes javascript: and external hrefs in <a> and <use>", () => {
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toContain("evil.example");
    const doc = parseXml(out);
    for (const el of [...Array.from(doc.getElementsByTagName("a")), ...Array.from(doc.getElementsByTagName("use"))]) {
      expect(el.getAttribute("href")).toBeNull();
      expect(el.getAttributeNS("http://www.w3.org/1999/xlink", "href")).toBeNull();
    }
  });

  it("removes foreignObject and <image>", () => {
    expect(out).not.toMatch(/foreignObject/i);
    expect(out).not.toMatch(/<image/i);
    expect(out).not.toContain("html</div>");
  });

  it("removes url(http…) from style and presentation attributes and @import / external url() in <style>", () => {
    const doc = parseXml(out);
    const paths = Array.from(doc.getElementsByTagName("path"));
    for (const p of paths) {
      expect(p.getAttribute("style") ?? "").not.toMatch(/url\(/);
      expect(p.getAttribute("fill") ?? "").not.toMatch(/url\(/);
    }
    for (const style of Array.from(doc.getElementsByTagName("style"))) {
      expect(style.textContent).not.toMatch(/@import|url\(/);
    }
  });

  it("each removal stands alone (no whole-document wipe)", () => {
    const cases: [string, RegExp][] = [
      [`<svg ${NS}><path d="M0 0" onload="x()"/></svg>`, /onload/],
      [`<svg ${NS}><a href=" JavaScript:alert(1)"><path d="M0 0"/></a></svg>`, /javascript/i],
      [`<svg ${NS}><use href="https://evil.example/a.svg#b"/></svg>`, /evil/],
      [`<svg ${NS}><path d="M0 0" filter="url(https://evil.example/f.svg#f)"/></svg>`, /evil/],
      [`<svg ${NS}><style>@import 'https://evil.example/x.css';</style><path d="M0 0"/></svg>`, /evil|@import/],
    ];
    for (const [svg, banned] of cases) {
      const result = sanitize(svg);
      expect(result).not.toMatch(banned);
      expect(validateSvg(result)).toEqual({ ok: true });
      expect(result).toMatch(/^<svg /);
    }
  });
});

describe("createSvgSanitizer reads a document as XML", () => {
  it("a self-closed <iframe/> in a foreignObject drops the foreignObject, not the rest of the drawing", () => {
    const out = sanitize(
      `<svg ${NS}><path d="M0 0h1"/><foreignObject><iframe src="https://evil.example/"/></foreignObject><path d="M1 1h2"/><circle r="3"/></svg>`,
    );
    expect(out).toBe(`<svg ${NS}><path d="M0 0h1"/><path d="M1 1h2"/><circle r="3"/></svg>`);
  });

  it("CDATA in <style> is read as CSS: kept when harmless, emptied when it loads", () => {
    const kept = parseXml(sanitize(`<svg ${NS}><style><![CDATA[svg > path { fill: #f00 }]]></style><path d="M0 0"/></svg>`));
    expect(kept.getElementsByTagName("style")[0].textContent).toContain("svg > path { fill: #f00 }");
    const emptied = sanitize(`<svg ${NS}><style><![CDATA[@import url(https://evil.example/a.css);]]></style><path d="M0 0"/></svg>`);
    expect(emptied).not.toMatch(/evil|@import/);
    expectWellFormedSvg(emptied);
  });

  it("processing instructions, comments with markup and entity declarations load nothing", () => {
    const out = sanitize(
      `<?xml-stylesheet href="https://evil.example/x.css"?><!DOCTYPE svg [<!ENTITY e SYSTEM "https://evil.example/e">]><svg ${NS}><?xml-stylesheet href="https://evil.example/y.css"?><!--<script>alert(1)</script>--><path d="M0 0"/></svg>`,
    );
    expect(out).not.toMatch(/evil|script|ENTITY/);
    expect(parseXml(out).getElementsByTagName("path")).toHaveLength(1);
  });
});

describe("createSvgSanitizer keeps the picture honest", () => {
  it("an external url() paint becomes none (as a browser paints it), not a dropped fill that turns black", () => {
    const out = sanitize(
      `<svg ${NS}><rect width="200" height="200" fill="url(https://evil.example/p.svg#g)" stroke="url('http://evil.example/s#s')"/><circle r="5" fill="url(#local)"/></svg>`,
    );
    expect(out).toBe(`<svg ${NS}><rect width="200" height="200" fill="none" stroke="none"/><circle r="5" fill="url(#local)"/></svg>`);
  });
});

describe("sanitize-in-browser", () => {
  it("sanitizes with the page's window and builds an <img> data URL that decodes to the sanitized SVG", () => {
    const svg = `<svg ${NS} viewBox="0 0 10 10"><script>alert(1)</script><path d="M0 0" fill="#f00"/></svg>`;
    const clean = sanitizeSvgInBrowser(svg);
    expect(clean).toBe(`<svg ${NS} viewBox="0 0 10 10"><path d="M0 0" fill="#f00"/></svg>`);
    const url = svgImageUrl(svg);
    const prefix = "data:image/svg+xml;charset=utf-8,";
    expect(url.startsWith(prefix)).toBe(true);
    expect(decodeURIComponent(url.slice(prefix.length))).toBe(clean);
  });
});
