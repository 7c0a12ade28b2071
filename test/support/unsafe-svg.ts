/** What must never be in an SVG that leaves the studio, as one check for the export tests. */
import { JSDOM } from "jsdom";

const UNSAFE = /<script|\bon[a-z]+\s*=|javascript:|evil\.example|127\.0\.0\.1|file:|\/etc\/passwd|<foreignObject|<iframe|<image\b|@import|<feImage/i;

/** The unsafe pieces an SVG text holds (an empty list when none), for readable failures. */
export function unsafeParts(svg: string): string[] {
  return [...svg.matchAll(new RegExp(UNSAFE.source, "gi"))].map((m) => m[0]);
}

/** Every href in the document points inside it (or is inline raster data). */
export function externalReferences(svg: string): string[] {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(svg, "image/svg+xml");
  const refs: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    for (const attr of Array.from(el.attributes)) {
      const local = attr.localName.toLowerCase();
      if ((local === "href" || local === "src") && !/^(#|data:image\/(png|jpeg|gif|webp)[;,])/i.test(attr.value.trim()))
        refs.push(`${el.localName} ${attr.name}=${attr.value}`);
      if (/url\(\s*['"]?(?!#)/i.test(attr.value)) refs.push(`${el.localName} ${attr.name}=${attr.value}`);
    }
  }
  return refs;
}

/** Parses as a strict XML parser (an <img>, resvg) would; throws with the parser's complaint. */
export function parseSvgStrict(svg: string): Document {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(svg, "image/svg+xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}\n${svg}`);
  if (doc.documentElement.localName !== "svg" || doc.documentElement.namespaceURI !== "http://www.w3.org/2000/svg") throw new Error("not an SVG document");
  return doc;
}
