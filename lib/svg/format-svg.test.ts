import { describe, expect, it } from "vitest";
import { formatSvg } from "./format-svg";
import { validateSvg } from "./validate-svg";

const ONE_LINE =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><!-- badge --><g transform="translate(10 10)"><path fill="#2F88FF" d="M0 0 L10 10 Z"/><circle cx="5" cy="5" r="2"/></g><text x="1" y="2">A &amp; B</text></svg>';

describe("formatSvg", () => {
  it("puts one element per line with indentation and keeps attributes, order, comments and entities", () => {
    const result = formatSvg(ONE_LINE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.svg.trimEnd().split("\n");
    expect(lines[0]).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">');
    expect(lines).toContain("  <!-- badge -->");
    expect(lines).toContain('  <g transform="translate(10 10)">');
    expect(lines).toContain('    <path fill="#2F88FF" d="M0 0 L10 10 Z"/>');
    expect(lines).toContain('    <circle cx="5" cy="5" r="2"/>');
    expect(result.svg).toContain("A &amp; B");
    expect(lines[lines.length - 1]).toBe("</svg>");
    expect(validateSvg(result.svg).ok).toBe(true);
  });

  it("is idempotent", () => {
    const once = formatSvg(ONE_LINE);
    if (!once.ok) throw new Error(once.message);
    const twice = formatSvg(once.svg);
    expect(twice).toEqual(once);
  });

  it("refuses malformed XML with the line of the problem", () => {
    const result = formatSvg('<svg xmlns="http://www.w3.org/2000/svg">\n<path d="M0 0"\n</svg>');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Cannot format: .*\(line \d+, column \d+\)\.$/);
  });
});
