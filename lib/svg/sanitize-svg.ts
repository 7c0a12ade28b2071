/**
 * Model output is untrusted. It is only ever shown as an image (where browsers run no script
 * and load nothing), and every SVG that leaves the studio as a file (Copy SVG, Download SVG,
 * Export ZIP) or is displayed is first sanitized with DOMPurify's SVG profile: no script,
 * handler or external reference. The stored round and the refiner's input keep the model's
 * text as it was: that is data, sent back to the model verbatim as the reference script does.
 */
import createDOMPurify, { type WindowLike } from "dompurify";

const EXTERNAL_REF = /^\s*(?!#|data:image\/(?:png|jpeg|gif|webp);)/i;

/**
 * Sanitizes an SVG to XML text; `.fragment` gives the sanitized tree itself, from text or from a
 * node already parsed (as XML, by the caller). Text that parses as an SVG document is read as
 * XML, as an <img> and resvg read it; only text that does not is left to DOMPurify's own
 * reading, as HTML (which a self-closed <iframe/> in a foreignObject, say, turns into raw text
 * that swallows the rest of the document: dropped, so safe, but lossy).
 */
export interface SvgSanitizer {
  (svg: string): string;
  fragment(svg: string | Node): DocumentFragment;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const SHOW_CDATA_SECTION = 0x8; // NodeFilter.SHOW_CDATA_SECTION, which Node has no global for

/**
 * The root <svg> element of `svg` read as XML, ready to hand to DOMPurify as a node, or null
 * when the text is not a well-formed SVG document. CDATA sections become text nodes of the
 * same content: DOMPurify moves the tree into an HTML document, where a CDATA section cannot
 * live (importing one throws), and as text a <style>'s CSS reads and serializes the same.
 */
export function parseSvgXml(parser: DOMParser, svg: string): Element | null {
  const doc = parser.parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (doc.getElementsByTagName("parsererror").length > 0 || root?.namespaceURI !== SVG_NS || root.localName !== "svg") return null;
  const walker = doc.createTreeWalker(root, SHOW_CDATA_SECTION);
  const sections: Node[] = [];
  while (walker.nextNode()) sections.push(walker.currentNode);
  for (const section of sections) section.parentNode?.replaceChild(doc.createTextNode(section.nodeValue ?? ""), section);
  return root;
}

export function createSvgSanitizer(window: WindowLike & Pick<typeof globalThis, "XMLSerializer" | "DOMParser">): SvgSanitizer {
  const purify = createDOMPurify(window);
  // DOMPurify's string output is HTML serialization (`&nbsp;` and the like), which an XML
  // parser (an <img>, resvg, the model) rejects; the sanitized tree is serialized as XML instead.
  const serializer = new window.XMLSerializer();
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    const name = data.attrName.toLowerCase();
    // href/xlink:href may point inside the document (#id) or at inline raster data only.
    if ((name === "href" || name === "xlink:href") && EXTERNAL_REF.test(data.attrValue)) data.keepAttr = false;
    // url(...) in presentation attributes or style may only reference local fragments. A paint
    // that pointed elsewhere becomes none, which is what a browser paints when the reference
    // cannot load; dropped, the fill would fall back to black.
    if (/url\(\s*['"]?(?!#)/i.test(data.attrValue)) {
      if (name === "fill" || name === "stroke") data.attrValue = "none";
      else data.keepAttr = false;
    }
  });
  purify.addHook("uponSanitizeElement", (node, data) => {
    if (data.tagName === "style" && /@import|url\(\s*['"]?(?!#)/i.test(node.textContent ?? "")) {
      node.textContent = "";
    }
  });
  const parser = new window.DOMParser();
  const fragment = (svg: string | Node): DocumentFragment =>
    purify.sanitize(typeof svg === "string" ? (parseSvgXml(parser, svg) ?? svg) : svg, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ["foreignObject", "script", "iframe", "image"],
      ADD_TAGS: ["use"],
      RETURN_DOM_FRAGMENT: true,
    });
  return Object.assign((svg: string) => serializer.serializeToString(fragment(svg)), { fragment });
}
