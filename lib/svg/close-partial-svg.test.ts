import { describe, expect, it } from "vitest";
import { closePartialSvg } from "./close-partial-svg";
import { validateSvg } from "./validate-svg";
import { refineRecords, trainDirect } from "../../test/support/train-examples";

const OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">';

describe("closePartialSvg", () => {
  it("returns null until an <svg> open tag is complete", () => {
    expect(closePartialSvg("")).toBeNull();
    expect(closePartialSvg("Here is the icon:\n```svg\n<sv")).toBeNull();
    expect(closePartialSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBo')).toBeNull();
    expect(closePartialSvg("<svgfoo>")).toBeNull();
  });

  it("returns a complete SVG unchanged (from its <svg>)", () => {
    const svg = `${OPEN}<path d="M0 0"/></svg>`;
    expect(closePartialSvg(svg)).toBe(svg);
    expect(closePartialSvg(`\`\`\`svg\n${svg}`)).toBe(svg);
  });

  it("closes the open elements innermost first", () => {
    expect(closePartialSvg(`${OPEN}<g id="a"><g><path d="M0 0"/>`)).toBe(`${OPEN}<g id="a"><g><path d="M0 0"/></g></g></svg>`);
    expect(closePartialSvg(`${OPEN}<g><path d="M0 0"/></g><text>Hel`)).toBe(`${OPEN}<g><path d="M0 0"/></g><text>Hel</text></svg>`);
  });

  it("drops a half-written trailing tag", () => {
    expect(closePartialSvg(`${OPEN}<path d="M0 0"/><path fill="#fff" d="M1 2 L3`)).toBe(`${OPEN}<path d="M0 0"/></svg>`);
    expect(closePartialSvg(`${OPEN}<g><path d="M0 0"/></g`)).toBe(`${OPEN}<g><path d="M0 0"/></g></svg>`);
    expect(closePartialSvg(`${OPEN}<path d="M0 0"/></sv`)).toBe(`${OPEN}<path d="M0 0"/></svg>`);
  });

  it("ignores tags inside comments and CDATA, and attributes holding '>'", () => {
    expect(closePartialSvg(`${OPEN}<!-- <g> --><style><![CDATA[ <g> ]]></style><g title="a>b">`)).toBe(
      `${OPEN}<!-- <g> --><style><![CDATA[ <g> ]]></style><g title="a>b"></g></svg>`,
    );
  });

  it("yields well-formed XML for every prefix of real model output once the <svg> tag is complete", () => {
    const outputs = [...trainDirect(), ...refineRecords()].map((r) => r.assistant);
    let checked = 0;
    for (const full of outputs) {
      const openEnd = full.indexOf(">") + 1;
      for (let n = 0; n <= full.length; n++) {
        const closed = closePartialSvg(full.slice(0, n));
        if (n < openEnd) {
          expect(closed).toBeNull();
          continue;
        }
        expect(closed).not.toBeNull();
        expect(validateSvg(closed ?? "")).toEqual({ ok: true });
        // Nothing is invented: the result is what arrived, up to the last complete tag, plus closers.
        expect(full.startsWith((closed ?? "").replace(/(<\/svg>)+$/, "").replace(/<\/svg$/, ""))).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});
