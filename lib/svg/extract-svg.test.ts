import { describe, expect, it } from "vitest";
import { describeTruncation, extractSvg } from "./extract-svg";
import { dpoRecords, refineRecords, trainDirect } from "../../test/support/train-examples";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><path fill="#2f88ff" d="M0 0 L10 10 Z"/></svg>';

const assistantSvgs = [
  ...trainDirect().map((r) => ({ label: r.label, text: r.assistant })),
  ...refineRecords().map((r) => ({ label: r.label, text: r.assistant })),
  ...dpoRecords().flatMap((r) => [
    { label: `${r.label}.chosen`, text: r.chosen },
    { label: `${r.label}.rejected`, text: r.rejected },
  ]),
];

describe("extractSvg on the training assistant turns", () => {
  it("covers generator, refiner and both DPO sides", () => {
    expect(assistantSvgs).toHaveLength(4 + 4 + 8);
  });

  it.each(assistantSvgs)("$label extracts unchanged", ({ text }) => {
    expect(extractSvg(text, "stop")).toEqual({ status: "ok", svg: text.trim() });
    // lmdeploy leaves finish_reason out until the last chunk: no reason is not truncation.
    expect(extractSvg(text)).toEqual({ status: "ok", svg: text.trim() });
  });
});

describe("extractSvg on wrapped output", () => {
  it("strips a ```svg fence and the prose around it", () => {
    const text = `Here is your icon:\n\n\`\`\`svg\n${SVG}\n\`\`\`\n\nThe blue path is the cable.`;
    expect(extractSvg(text, "stop")).toEqual({ status: "ok", svg: SVG });
  });

  it("strips a ```xml fence with an XML prolog before the svg", () => {
    const text = `\`\`\`xml\n<?xml version="1.0" encoding="UTF-8"?>\n${SVG}\n\`\`\``;
    expect(extractSvg(text)).toEqual({ status: "ok", svg: SVG });
  });

  it("matches <SVG> case-insensitively and an <svg> with no attributes", () => {
    expect(extractSvg("<SVG><rect/></SVG>")).toEqual({ status: "ok", svg: "<SVG><rect/></SVG>" });
    expect(extractSvg("x <svg><g/></svg> y")).toEqual({ status: "ok", svg: "<svg><g/></svg>" });
  });

  it("does not take <svgfoo> or prose mentioning svg for an svg element", () => {
    expect(extractSvg("An svg icon: <svgfoo/>").status).toBe("missing");
  });

  it("keeps the outer element when an <svg> is nested (the LAST </svg>)", () => {
    const nested =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><svg x="10" y="10" width="50" height="50"><circle r="5"/></svg><path d="M0 0"/></svg>';
    const result = extractSvg(`\`\`\`svg\n${nested}\n\`\`\``, "stop");
    expect(result).toEqual({ status: "ok", svg: nested });
    // A shortest match would have stopped after the circle.
    if (result.status === "ok") expect(result.svg.endsWith('<path d="M0 0"/></svg>')).toBe(true);
  });
});

describe("extractSvg flags truncation", () => {
  const cut = SVG.slice(0, SVG.indexOf(" L10"));

  it("reports a missing </svg> as truncated (unclosed) and keeps what arrived", () => {
    expect(extractSvg(`Sure:\n${cut}`, "stop")).toEqual({ status: "truncated", svg: cut, reason: "unclosed" });
  });

  it("drops a trailing fence from an unclosed SVG", () => {
    expect(extractSvg(`\`\`\`svg\n${cut}\n\`\`\`\n`, "stop")).toEqual({ status: "truncated", svg: cut, reason: "unclosed" });
  });

  it('reports finish_reason "length" as truncated even when the SVG is closed', () => {
    expect(extractSvg(SVG, "length")).toEqual({ status: "truncated", svg: SVG, reason: "length" });
    expect(extractSvg(cut, "length")).toEqual({ status: "truncated", svg: cut, reason: "length" });
  });

  it("reports no <svg> at all as missing, with a reason that names the token limit when hit", () => {
    const missing = extractSvg("I cannot draw that.", "stop");
    expect(missing.status).toBe("missing");
    const limit = extractSvg("Let me think step by step about the", "length");
    expect(limit.status).toBe("missing");
    if (missing.status === "missing" && limit.status === "missing") {
      expect(missing.reason).toMatch(/no <svg>/);
      expect(limit.reason).toMatch(/token limit/);
    }
  });

  it("treats a </svg> that comes before the <svg> as unclosed", () => {
    expect(extractSvg("close with </svg> then <svg><path d='M0 0'/>")).toEqual({
      status: "truncated",
      svg: "<svg><path d='M0 0'/>",
      reason: "unclosed",
    });
  });

  it("describes both kinds of truncation", () => {
    expect(describeTruncation("length")).toMatch(/token limit.*"length"/);
    expect(describeTruncation("unclosed")).toMatch(/no closing <\/svg>/);
  });
});
