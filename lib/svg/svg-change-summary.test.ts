import { describe, expect, it } from "vitest";
import { describeSvgChanges, normaliseColour, summarizeSvgChanges } from "./svg-change-summary";

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">${body}</svg>`;

describe("summarizeSvgChanges", () => {
  it("counts added, removed and changed elements and names the colour changes", () => {
    const left = svg('<rect x="0" y="0" width="10" height="10" fill="#ff0000"/><circle cx="5" cy="5" r="4" fill="#000"/><path d="M0 0Z" stroke="blue"/>');
    const right = svg(
      '<rect x="0" y="0" width="10" height="10" fill="#00aa00"/><circle cx="5" cy="5" r="4" fill="#000"/><line x1="0" y1="0" x2="1" y2="1"/><ellipse rx="1" ry="2"/>',
    );
    const summary = summarizeSvgChanges(left, right);
    expect(summary).toEqual({
      comparable: true,
      added: 2,
      removed: 1,
      changed: 1,
      colours: [{ from: "#ff0000", to: "#00aa00" }],
      newColours: [],
      goneColours: ["#0000ff"],
      formattingOnly: false,
    });
    expect(describeSvgChanges(summary)).toBe("2 elements added, 1 removed, 1 changed; colours: #ff0000 → #00aa00, gone #0000ff");
  });

  it("pairs same-named elements between unchanged ones as changed, even out of order", () => {
    const left = svg('<g><path d="M1 1Z"/><rect width="1" height="1"/></g>');
    const right = svg('<g><rect width="2" height="1"/><path d="M2 2Z"/></g>');
    expect(summarizeSvgChanges(left, right)).toMatchObject({ added: 0, removed: 0, changed: 2 });
  });

  it("counts a changed wrapper once, not its unchanged children", () => {
    const left = svg('<g transform="translate(10 10) scale(2)"><path d="M0 0L5 5Z"/><path d="M1 1L6 6Z"/></g>');
    const right = svg('<g transform="translate(0 0) scale(2.2)"><path d="M0 0L5 5Z"/><path d="M1 1L6 6Z"/></g>');
    expect(describeSvgChanges(summarizeSvgChanges(left, right))).toBe("0 elements added, 0 removed, 1 changed; colours unchanged");
  });

  it("reads colours from attributes, style attributes and style sheets, in any CSS form", () => {
    const left = svg('<style>.a{fill: rgb(255, 0, 0)}</style><path style="stroke: #123; fill:none" d="M0 0Z"/>');
    const right = svg('<style>.a{fill: hsl(120, 100%, 25%)}</style><path style="stroke:#112233" d="M0 0Z" fill="rgba(0,0,0,0.5)"/>');
    const summary = summarizeSvgChanges(left, right);
    expect(summary).toMatchObject({ changed: 2, colours: [], newColours: ["#008000", "#00000080"], goneColours: ["#ff0000"] });
  });

  it("says when only formatting differs, and when nothing does", () => {
    const a = svg('<rect x="1" y="2"/>');
    const b = '<svg viewBox="0 0 200 200" xmlns="http://www.w3.org/2000/svg">\n  <rect y="2" x="1"/>\n</svg>';
    expect(describeSvgChanges(summarizeSvgChanges(a, b))).toBe("Same elements, attributes and colours: only formatting differs.");
    expect(describeSvgChanges(summarizeSvgChanges(a, a))).toBe("No changes: the two SVGs are identical.");
  });

  it("summarises a streaming SVG as far as it has arrived", () => {
    const left = svg('<rect width="1"/><circle r="1"/>');
    const streaming = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect width="1"/><circ';
    expect(summarizeSvgChanges(left, streaming)).toMatchObject({ added: 0, removed: 1, changed: 0 });
  });

  it("names the side that is not well-formed", () => {
    const summary = summarizeSvgChanges(svg("<rect/>"), "<svg><g></svg>");
    expect(summary).toEqual({ comparable: false, unreadable: ["right"] });
    expect(describeSvgChanges(summary, { left: "round 1", right: "round 2" })).toBe("No summary: round 2 is not well-formed SVG.");
    expect(describeSvgChanges(summarizeSvgChanges("x", "y"))).toBe("No summary: the left SVG and the right SVG are not well-formed SVG.");
  });

  it("uses the singular for one element", () => {
    expect(describeSvgChanges(summarizeSvgChanges(svg(""), svg('<rect fill="red"/>')))).toBe("1 element added, 0 removed, 0 changed; colours: new #ff0000");
  });
});

describe("normaliseColour", () => {
  it("writes colours as lowercase hex and ignores what is not a colour", () => {
    expect(normaliseColour("#F00")).toBe("#ff0000");
    expect(normaliseColour(" Red ")).toBe("#ff0000");
    expect(normaliseColour("rgba(0, 0, 255, 0.5)")).toBe("#0000ff80");
    for (const v of ["none", "currentColor", "url(#g)", "transparent", "", "bogus"]) expect(normaliseColour(v)).toBeNull();
  });
});
