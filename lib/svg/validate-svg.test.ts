import { describe, expect, it } from "vitest";
import { validateSvg } from "./validate-svg";
import { dpoRecords, refineRecords, trainDirect } from "../../test/support/train-examples";

const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe("validateSvg", () => {
  it("accepts every SVG the model was trained to emit", () => {
    const svgs = [...trainDirect().map((r) => r.assistant), ...refineRecords().map((r) => r.assistant), ...dpoRecords().flatMap((r) => [r.chosen, r.rejected])];
    for (const svg of svgs) expect(validateSvg(svg)).toEqual({ ok: true });
  });

  it("accepts an XML prolog, comments and a doctype before the root", () => {
    expect(validateSvg(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n<!DOCTYPE svg>\n<svg ${NS}><path d="M0 0"/></svg>`)).toEqual({ ok: true });
  });

  it("gives the line and column of a stray character", () => {
    // Line 3 is `  <g>& </g>`: the '&' is its 6th character.
    const result = validateSvg(`<svg ${NS}>\n  <path d="M0 0"/>\n  <g>& </g>\n</svg>`);
    expect(result).toMatchObject({ ok: false, line: 3, column: 6 });
    if (!result.ok) expect(result.message).toContain("&");
  });

  it("gives the position of a mismatched closing tag and names the open one", () => {
    // The <path> on line 2 is never closed; the mismatch shows at `</svg>`, line 3 column 1.
    const result = validateSvg(`<svg ${NS}>\n  <path d="M0 0">\n</svg>`);
    expect(result).toMatchObject({ ok: false, line: 3, column: 1 });
    if (!result.ok) expect(result.message).toMatch(/path/);
  });

  it("rejects a truncated SVG", () => {
    const result = validateSvg(`<svg ${NS}>\n<path d="M0 0"/>\n<path d="M1`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBeGreaterThanOrEqual(1);
      expect(result.column).toBeGreaterThanOrEqual(1);
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it("rejects repeated and valueless attributes", () => {
    expect(validateSvg(`<svg ${NS}><path d="M0 0" d="M1 1"/></svg>`)).toMatchObject({ ok: false, line: 1 });
    expect(validateSvg(`<svg ${NS}><path fill=red/></svg>`)).toMatchObject({ ok: false, line: 1 });
    expect(validateSvg(`<svg ${NS}><path hidden/></svg>`)).toMatchObject({ ok: false, line: 1 });
  });

  it("rejects a well-formed document whose root is not <svg>", () => {
    for (const doc of [`<html><svg ${NS}/></html>`, `<g ${NS}><path d="M0 0"/></g>`, `<svgfoo ${NS}/>`, `<!-- svg -->\n<div/>`]) {
      expect(validateSvg(doc)).toEqual({ ok: false, message: "The root element is not <svg>.", line: 1, column: 1 });
    }
  });

  it("rejects an empty document and prose", () => {
    expect(validateSvg("  \n ")).toEqual({ ok: false, message: "The SVG is empty.", line: 1, column: 1 });
    expect(validateSvg(`Here it is: <svg ${NS}/>`)).toMatchObject({ ok: false, line: 1, column: 1 });
  });
});

describe("validateSvg: what a browser's XML parser rejects", () => {
  it("rejects undefined entities and bare ampersands, with their position; accepts the XML five and numeric ones", () => {
    expect(validateSvg(`<svg ${NS}>\n<text>a&nbsp;b</text></svg>`)).toMatchObject({ ok: false, line: 2, column: 8 });
    expect(validateSvg(`<svg ${NS}><text>&amp;&lt;&gt;&quot;&apos;&#160;&#xA0;</text></svg>`)).toEqual({ ok: true });
    expect(validateSvg(`<svg ${NS}><!-- a &nbsp; in a comment is text --><path d="M0 0"/></svg>`)).toEqual({ ok: true });
  });

  it("rejects '<' inside an attribute value", () => {
    const result = validateSvg(`<svg ${NS}><path d="M0 0 <1"/></svg>`);
    expect(result).toMatchObject({ ok: false, line: 1 });
    if (!result.ok) expect(result.message).toMatch(/&lt;/);
  });

  it("rejects a second root element and an upper-case root", () => {
    expect(validateSvg(`<svg ${NS}/>\n<svg ${NS}/>`)).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(validateSvg(`<svg ${NS}><g/></svg><path d="M0 0"/>`)).toMatchObject({ ok: false, line: 1 });
    expect(validateSvg(`<SVG ${NS}></SVG>`)).toMatchObject({ ok: false, message: "The root element is not <svg>." });
    expect(validateSvg(`<svg ${NS}><g/></svg>\n<!-- trailing comment -->\n`)).toEqual({ ok: true });
  });
});
