/** XML well-formedness with a line and column, shared by the editor markers and Resume. */
import { XMLValidator } from "fast-xml-parser";

export type SvgValidation = { ok: true } | { ok: false; message: string; line: number; column: number };

export function validateSvg(svg: string): SvgValidation {
  if (svg.trim() === "") return { ok: false, message: "The SVG is empty.", line: 1, column: 1 };
  const result = XMLValidator.validate(svg, { allowBooleanAttributes: false });
  if (result !== true) {
    return { ok: false, message: result.err.msg, line: result.err.line, column: result.err.col };
  }
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<([\w:.-]+)/.exec(svg);
  if (!root || root[1].toLowerCase() !== "svg") {
    return { ok: false, message: "The root element is not <svg>.", line: 1, column: 1 };
  }
  return { ok: true };
}
