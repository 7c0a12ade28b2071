import { describe, expect, it } from "vitest";
import { validateSvg } from "./validate-svg";
import { dpoRecords, refineRecords, trainDirect } from "../introsvg/train-examples.fixtures";

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
