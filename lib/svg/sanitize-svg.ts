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
 * Sanitizes an SVG to XML text; `.fragment` gives the sanitized tree itself, from text (parsed
 * as DOMPurify parses, as HTML) or from a node already parsed (as XML, by the caller).
 */
export interface SvgSanitizer {
  (svg: string): string;
  fragment(svg: string | Node): DocumentFragment;
}

export function createSvgSanitizer(window: WindowLike & Pick<typeof globalThis, "XMLSerializer">): SvgSanitizer {
  const purify = createDOMPurify(window);
  // DOMPurify's string output is HTML serialization (`&nbsp;` and the like), which an XML
  // parser (an <img>, resvg, the model) rejects; the sanitized tree is serialized as XML instead.
  const serializer = new window.XMLSerializer();
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    const name = data.attrName.toLowerCase();
    // href/xlink:href may point inside the document (#id) or at inline raster data only.
    if ((name === "href" || name === "xlink:href") && EXTERNAL_REF.test(data.attrValue)) data.keepAttr = false;
    // url(...) in presentation attributes or style may only reference local fragments.
    if (/url\(\s*['"]?(?!#)/i.test(data.attrValue)) data.keepAttr = false;
  });
  purify.addHook("uponSanitizeElement", (node, data) => {
    if (data.tagName === "style" && /@import|url\(\s*['"]?(?!#)/i.test(node.textContent ?? "")) {
      node.textContent = "";
    }
  });
  const fragment = (svg: string | Node): DocumentFragment =>
    purify.sanitize(svg, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ["foreignObject", "script", "iframe", "image"],
      ADD_TAGS: ["use"],
      RETURN_DOM_FRAGMENT: true,
    });
  return Object.assign((svg: string) => serializer.serializeToString(fragment(svg)), { fragment });
}
