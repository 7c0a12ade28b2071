// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { sanitizeSvgInBrowser, sanitizeSvgInSlices, SLICED_SANITIZE_CHARS, svgImageUrl, svgImageUrlSoon } from "./sanitize-in-browser";

/** A comparable form of an SVG tree: element names, attributes (namespace declarations aside) and text. */
function shape(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  const walk = (node: Node): string => {
    if (node.nodeType === node.TEXT_NODE) return node.textContent?.trim() ? JSON.stringify(node.textContent) : "";
    if (node.nodeType !== node.ELEMENT_NODE) return "";
    const el = node as Element;
    const attrs = Array.from(el.attributes)
      .filter((a) => a.name !== "xmlns" && !a.name.startsWith("xmlns:"))
      .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
      .sort();
    return `<${el.namespaceURI}|${el.localName} ${attrs.join(" ")}>${Array.from(el.childNodes).map(walk).join("")}</>`;
  };
  return walk(doc.documentElement);
}

/** A big model-style SVG with hostile pieces spread through it. */
function bigHostileSvg(): string {
  const parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 200" onload="alert(1)">'];
  parts.push('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>');
  for (let i = 0; i < 2500; i++) {
    parts.push(`<path fill="url(#g)" d="M${i % 200} ${i % 190} L${(i * 7) % 200} ${(i * 3) % 200} Z"/>`);
    if (i % 500 === 7) parts.push('<script>alert("x")</script>');
    if (i % 500 === 9) parts.push('<g onclick="steal()"><use xlink:href="https://evil.example/x.svg#a"/><use href="#g"/></g>');
    if (i % 500 === 11) parts.push('<foreignObject><iframe src="https://evil.example"></iframe></foreignObject>');
    if (i % 500 === 13) parts.push("<style>@import url(https://evil.example/a.css); path{fill:red}</style>");
    if (i % 500 === 17) parts.push("<style><![CDATA[svg > path { stroke: #0f0 }]]></style>");
    if (i % 500 === 15) parts.push('<rect width="5" height="5" style="fill:url(https://evil.example/p.png)"/><image href="file:///etc/passwd"/>');
  }
  parts.push('<text x="10" y="20">A &amp; B</text></svg>');
  return parts.join("");
}

describe("sanitizeSvgInSlices", () => {
  it("gives the same tree as sanitizing the whole document, for a big hostile SVG", async () => {
    const svg = bigHostileSvg();
    expect(svg.length).toBeGreaterThan(SLICED_SANITIZE_CHARS);
    const sliced = await sanitizeSvgInSlices(svg);
    const whole = sanitizeSvgInBrowser(svg);
    expect(shape(sliced)).toBe(shape(whole));
    expect(sliced).not.toMatch(/<script|onload|onclick|evil\.example|foreignObject|<image|@import|file:/i);
    expect(sliced).toContain('<use href="#g"');
    expect(sliced).toContain("svg &gt; path { stroke: #0f0 }"); // CDATA kept as the style's text
    expect(sliced.match(/<path /g)).toHaveLength(2500);
  });

  it("reads the document as XML where HTML would differ (a self-closed <iframe/> in a foreignObject)", async () => {
    // Read as HTML, <iframe/> opens raw text that would swallow the rest of the document; read
    // as XML (the slices, and the whole-document sanitizer), the foreignObject goes and
    // everything after it stays.
    const svg = bigHostileSvg().replaceAll('<iframe src="https://evil.example"></iframe>', '<iframe src="https://evil.example"/>');
    const sliced = await sanitizeSvgInSlices(svg);
    expect(sliced).not.toMatch(/<script|onload|onclick|evil\.example|foreignObject|iframe|<image|@import|file:/i);
    expect(sliced.match(/<path /g)).toHaveLength(2500);
    expect(shape(sliced)).toBe(shape(sanitizeSvgInBrowser(svg)));
  });

  it("sanitizes the root's own attributes, and an unparsable document whole", async () => {
    const tiny = '<svg xmlns="http://www.w3.org/2000/svg" onload="x()" width="4"/>';
    expect(shape(await sanitizeSvgInSlices(tiny))).toBe(shape(sanitizeSvgInBrowser(tiny)));
    expect(await sanitizeSvgInSlices(tiny)).not.toContain("onload");
    const broken = '<svg xmlns="http://www.w3.org/2000/svg"><g><script>x()</script></svg>';
    const clean = await sanitizeSvgInSlices(broken);
    expect(clean).toBe(sanitizeSvgInBrowser(broken));
    expect(clean).not.toContain("script");
  });
});

describe("svgImageUrlSoon", () => {
  it("answers a small document at once: its picture, or null when it does not parse", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h5v5z"/></svg>';
    expect(svgImageUrlSoon(svg)).toBe(svgImageUrl(svg));
    expect(svgImageUrlSoon('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toBeNull();
  });

  it("answers a big document later, validated and sanitized outside the caller's task", async () => {
    const svg = bigHostileSvg();
    const soon = svgImageUrlSoon(svg);
    expect(soon).toBeInstanceOf(Promise);
    const url = await soon;
    expect(decodeURIComponent(url!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""))).toBe(await sanitizeSvgInSlices(svg));
    const broken = svg.replace("</svg>", "</g></svg>");
    expect(await svgImageUrlSoon(broken)).toBeNull();
  });
});
