import { describe, expect, it } from "vitest";
import { compareAttributeNames, formatSvgForDiff, parseSvgTree, svgDocumentOf } from "./svg-diff-format";
import { validateSvg } from "./validate-svg";

const ONE_LINE =
  '<svg viewBox="0 0 200 200" xmlns="http://www.w3.org/2000/svg"><!-- badge --><g transform="translate(10 10)" id="g1"><path fill="#2F88FF" d="M0 0\n  L10 10 Z"/><circle r="2" cx="5" cy="5"/></g><text y="2" x="1">A &amp; B</text><style><![CDATA[.a{fill:red}]]></style></svg>';

describe("formatSvgForDiff", () => {
  it("puts one element per line, attributes in the stable order, whitespace in values collapsed", () => {
    const { text, canonical } = formatSvgForDiff(ONE_LINE);
    expect(canonical).toBe(true);
    expect(text.trimEnd().split("\n")).toEqual([
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">',
      "  <!-- badge -->",
      '  <g id="g1" transform="translate(10 10)">',
      '    <path d="M0 0 L10 10 Z" fill="#2F88FF"/>',
      '    <circle cx="5" cy="5" r="2"/>',
      "  </g>",
      '  <text x="1" y="2">A &amp; B</text>',
      "  <style>",
      "    <![CDATA[.a{fill:red}]]>",
      "  </style>",
      "</svg>",
    ]);
    expect(validateSvg(text).ok).toBe(true);
  });

  it("gives two SVGs that differ only in layout and attribute order the same text", () => {
    const a = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="1" y="2" width="3" height="4" fill="red"/></svg>';
    const b = `<svg viewBox="0 0 10 10"
        xmlns="http://www.w3.org/2000/svg">
      <rect fill="red" height="4"  width="3" y="2" x="1" />
    </svg>`;
    expect(formatSvgForDiff(a).text).toBe(formatSvgForDiff(b).text);
  });

  it("is idempotent", () => {
    const once = formatSvgForDiff(ONE_LINE).text;
    expect(formatSvgForDiff(once).text).toBe(once);
  });

  it("drops prose and code fences around the SVG in a model's answer", () => {
    const answer = 'Here is the icon:\n```svg\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>\n```\nEnjoy.';
    expect(formatSvgForDiff(answer).text).toBe('<svg xmlns="http://www.w3.org/2000/svg">\n  <circle r="1"/>\n</svg>\n');
  });

  it("formats an SVG still streaming by closing what is open, dropping a half-written tag", () => {
    const partial = '<svg xmlns="http://www.w3.org/2000/svg"><g fill="#000"><path d="M0 0Z"/><rect x="1';
    expect(formatSvgForDiff(partial)).toEqual({
      text: '<svg xmlns="http://www.w3.org/2000/svg">\n  <g fill="#000">\n    <path d="M0 0Z"/>\n  </g>\n</svg>\n',
      canonical: true,
    });
  });

  it("escapes a double quote kept from a single-quoted attribute", () => {
    expect(formatSvgForDiff(`<svg xmlns="http://www.w3.org/2000/svg"><text font-family='"A B", serif'>x</text></svg>`).text).toContain(
      'font-family="&quot;A B&quot;, serif"',
    );
  });

  it("still breaks a malformed SVG between its tags, one tag a line, marked as not canonical", () => {
    const broken = '<svg xmlns="http://www.w3.org/2000/svg"><rect x="1" & /><circle r="2"/></svg>';
    const result = formatSvgForDiff(broken);
    expect(result.canonical).toBe(false);
    expect(result.text.trimEnd().split("\n")).toEqual(['<svg xmlns="http://www.w3.org/2000/svg">', '<rect x="1" & />', '<circle r="2"/>', "</svg>"]);
  });

  it("keeps text without any SVG as it is", () => {
    expect(formatSvgForDiff("no drawing here")).toEqual({ text: "no drawing here\n", canonical: false });
    expect(formatSvgForDiff("")).toEqual({ text: "", canonical: false });
  });
});

describe("the pieces", () => {
  it("orders attributes: xmlns, xmlns:*, id, then by name", () => {
    expect(["y", "id", "xmlns:xlink", "fill", "xmlns", "d"].sort(compareAttributeNames)).toEqual(["xmlns", "xmlns:xlink", "id", "d", "fill", "y"]);
  });

  it("finds the SVG document in a text, complete or partial", () => {
    expect(svgDocumentOf("x <svg><g/></svg> y")).toBe("<svg><g/></svg>");
    expect(svgDocumentOf("<svg><g>")).toBe("<svg><g></g></svg>");
    expect(svgDocumentOf("nothing")).toBeNull();
  });

  it("parses nothing that is not a well-formed svg", () => {
    expect(parseSvgTree("<svg><g></svg>")).toBeNull();
    expect(parseSvgTree("<html></html>")).toBeNull();
    expect(parseSvgTree('<svg xmlns="http://www.w3.org/2000/svg"/>')).toMatchObject({ kind: "element", name: "svg", children: [] });
  });
});
