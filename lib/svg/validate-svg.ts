/**
 * XML well-formedness with a line and column, shared by the editor markers and Resume.
 * fast-xml-parser's validator does the structure; on top of it come the rules it lets
 * through that a browser's XML parser rejects (so a document that passes here renders):
 * undefined entities such as `&nbsp;`, `<` inside an attribute value, a second root element,
 * and a root that is not exactly `svg`.
 */
// fast-xml-parser's validator module alone (tsconfig.json's paths name it; its types are in
// fast-xml-parser-validator.d.ts). The package's one entry also pulls in its parser and builder,
// and the parser a Buffer polyfill: ~25 kB gzipped in the studio's first load that only the
// lazily loaded formatter and compare view need.
import { validate as validateXml } from "fast-xml-parser/validator";
import { memoizeRecent } from "./memoize-recent";

export type SvgValidation = { ok: true } | { ok: false; message: string; line: number; column: number };

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}

function fail(text: string, index: number, message: string): SvgValidation {
  return { ok: false, message, ...positionOf(text, index) };
}

/** Comments and CDATA hold text that is not markup; blank them out, keeping positions. */
function markupOnly(svg: string): string {
  return svg.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, " "));
}

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)([A-Za-z][\w.-]*;)?/g;
const LT_IN_ATTRIBUTE = /=\s*("[^"]*<[^"]*"|'[^']*<[^']*')/g;
const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<([\w:.-]+)/;

/** Validation of the same text is asked for by several views at once: it is computed once. */
export const validateSvg = memoizeRecent(validateSvgText);

function validateSvgText(svg: string): SvgValidation {
  if (svg.trim() === "") return { ok: false, message: "The SVG is empty.", line: 1, column: 1 };
  const result = validateXml(svg, { allowBooleanAttributes: false });
  if (result !== true) {
    return { ok: false, message: result.err.msg, line: result.err.line, column: result.err.col };
  }
  const root = ROOT.exec(svg);
  if (!root || root[1] !== "svg") {
    return { ok: false, message: "The root element is not <svg>.", line: 1, column: 1 };
  }
  const markup = markupOnly(svg);
  for (const m of markup.matchAll(ENTITY)) {
    return fail(svg, m.index, m[1] ? `Undefined entity '&${m[1]}' (XML knows only &amp; &lt; &gt; &quot; &apos;).` : "A bare '&' must be written &amp;.");
  }
  for (const m of markup.matchAll(LT_IN_ATTRIBUTE)) {
    return fail(svg, m.index + m[0].indexOf("<"), "An attribute value contains '<'; write &lt;.");
  }
  const rootEnd = closingOfRoot(markup);
  if (rootEnd >= 0) {
    const extra = markup.slice(rootEnd).search(/<[A-Za-z]/);
    if (extra >= 0) return fail(svg, rootEnd + extra, "Only one root element is allowed; content follows </svg>.");
  }
  return { ok: true };
}

/** Index just past the root element (which the validator has already checked is balanced). */
function closingOfRoot(markup: string): number {
  const tag = /<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  for (const m of markup.matchAll(tag)) {
    if (m[3]) {
      if (depth === 0) return m.index + m[0].length;
      continue;
    }
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
