/**
 * Pretty-prints an SVG for hand editing: one element per line, two-space indents, attributes
 * and their order kept, comments kept. Uses fast-xml-parser's ordered round trip; an SVG that
 * is not well-formed is returned as a typed error rather than reformatted into something else.
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { ORDERED_XML_OPTIONS } from "./ordered-xml-options";
import { validateSvg } from "./validate-svg";

const options = { ...ORDERED_XML_OPTIONS, attributeNamePrefix: "@_", suppressBooleanAttributes: false } as const;

export type FormatResult = { ok: true; svg: string } | { ok: false; message: string };

export function formatSvg(svg: string): FormatResult {
  const validation = validateSvg(svg);
  if (!validation.ok) {
    return { ok: false, message: `Cannot format: ${validation.message} (line ${validation.line}, column ${validation.column}).` };
  }
  const tree = new XMLParser(options).parse(svg);
  const built = new XMLBuilder({ ...options, format: true, indentBy: "  ", suppressEmptyNode: true }).build(tree) as string;
  return { ok: true, svg: built.trim() + "\n" };
}
