import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { assessImage, critiqueImage } from "./critic";
import { SUBJECT_COLOUR_ALREADY_MISSING } from "./prompt-checks";
import { generateSvg } from "../generator/generator";
import { AFFIRMATIVE } from "./critic-text";
import { decodeImageDataUrl, decodePng, ImageDecodeError } from "../drawing/image-measure";
import { renderSvgPng } from "../../raster/node";
import { parseCritique } from "../../introsvg/critique-parser";
import { svg200 } from "../../../test/support/engine-judging";

function critique(svg: string, prompt: string) {
  const { text, assessment } = critiqueImage(decodePng(renderSvgPng(svg)), prompt);
  const parsed = parseCritique(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.value, text, assessment };
}

const circle = (cx: number, cy: number, r: number, fill: string) => svg200(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`);
const PROMPT = "a blue circle icon";

describe("critic", () => {
  it("writes the model's bare JSON with a one-decimal float score", () => {
    const c = critique(circle(100, 100, 78, "#1e88e5"), PROMPT);
    expect(c.text.startsWith("{")).toBe(true);
    expect(Object.keys(JSON.parse(c.text))).toEqual(["score", "critique", "suggestions"]);
    expect(Math.round(c.score * 10) / 10).toBe(c.score);
    expect(c.critique).toMatch(/colou?r/i);
    expect(c.critique).toMatch(/geometric/i);
  });

  it("scores a clean, centred drawing in the asked colour about 9.6–9.8 and asks for nothing", () => {
    const c = critique(circle(100, 100, 78, "#1e88e5"), PROMPT);
    expect(c.score).toBeGreaterThanOrEqual(9.6);
    expect(c.score).toBeLessThanOrEqual(9.8);
    expect(c.suggestions).toBe(AFFIRMATIVE);
  });

  it("scores a blank canvas near zero", () => {
    const c = critique(svg200(""), PROMPT);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(c.critique).toMatch(/blank/i);
    expect(c.suggestions).toMatch(/^1\. .+\n2\. /);
  });

  it("judges the pixels it is sent: wrong colour, off-centre, clipped and tiny drawings each score visibly lower", () => {
    const good = critique(circle(100, 100, 78, "#1e88e5"), PROMPT).score;
    const cases = [
      { svg: circle(100, 100, 78, "#e53935"), kind: "colour-missing", says: /Recolour the main shapes to blue/ },
      { svg: circle(140, 130, 50, "#1e88e5"), kind: "offcentre", says: /Recentre the composition: move it about 40px left and 30px up/ },
      { svg: circle(175, 100, 70, "#1e88e5"), kind: "clipped", says: /clipped at the right edge/ },
      { svg: circle(100, 100, 22, "#1e88e5"), kind: "small", says: /Scale the drawing up/ },
    ];
    for (const { svg, kind, says } of cases) {
      const c = critique(svg, PROMPT);
      expect(
        c.assessment.findings.map((f) => f.kind),
        kind,
      ).toContain(kind);
      expect(c.score, kind).toBeLessThanOrEqual(good - 1.5);
      expect(c.suggestions, kind).toMatch(says);
      expect(c.suggestions, kind).toMatch(/^1\. /);
      const items = c.suggestions.split("\n");
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.length).toBeLessThanOrEqual(4);
    }
  });

  it("names one slip once: a drawing pushed off the edge is clipped, not also off-centre", () => {
    const kinds = critique(circle(175, 100, 70, "#1e88e5"), PROMPT).assessment.findings.map((f) => f.kind);
    expect(kinds).toContain("clipped");
    expect(kinds).not.toContain("offcentre");
  });

  it("checks colours perceptually: any shade of the asked hue counts", () => {
    for (const shade of ["#1a237e", "#64b5f6", "#0d47a1"]) {
      expect(
        critique(circle(100, 100, 78, shade), PROMPT).assessment.findings.map((f) => f.kind),
        shade,
      ).not.toContain("colour-missing");
    }
    expect(critique(circle(100, 100, 78, "#00897b"), PROMPT).assessment.findings.map((f) => f.kind)).toContain("colour-missing");
    // Two asked colours, one missing.
    const two = critique(svg200(`<circle cx="100" cy="100" r="78" fill="#43a047"/>`), "a green and brown tree");
    expect(two.assessment.present.map((c) => c.name)).toEqual(["green"]);
    expect(two.critique).toMatch(/no brown/);
  });

  it("treats a full-canvas background as a background, not as clipping", () => {
    const svg = svg200(`<rect width="200" height="200" fill="#43a047"/><circle cx="100" cy="100" r="60" fill="#ffffff"/>`);
    const c = critique(svg, "a white circle on a green background");
    expect(c.assessment.measure.fullBleed).toBe(true);
    const geometry = ["clipped", "tight", "small", "offcentre", "colour-missing", "colour-weak"];
    expect(c.assessment.findings.map((f) => f.kind).filter((k) => geometry.includes(k))).toEqual([]);
  });

  it("composites transparent PNGs over white and refuses what is not a PNG data URL", () => {
    const png = new PNG({ width: 200, height: 200 });
    png.data.fill(0); // fully transparent
    for (let y = 40; y < 160; y++) for (let x = 40; x < 160; x++) png.data.set([30, 136, 229, 255], (y * 200 + x) * 4);
    const img = decodeImageDataUrl(`data:image/png;base64,${PNG.sync.write(png).toString("base64")}`);
    const { assessment } = critiqueImage(img, "a blue square");
    expect(assessment.measure.background).toEqual([255, 255, 255]);
    expect(assessment.score).toBeGreaterThanOrEqual(9.5);
    expect(() => decodeImageDataUrl("https://example.com/a.png")).toThrow(ImageDecodeError);
    expect(() => decodeImageDataUrl("data:image/jpeg;base64,/9j/4AAQ")).toThrow(/PNG/);
    expect(() => decodeImageDataUrl("data:image/png;base64,bm90IGEgcG5n")).toThrow(/not an acceptable PNG: it does not start with the PNG signature/);
  });
});

describe("a colour missing from the drawing and from its subject", () => {
  it("is one slip: the subject's finding adds only a little to the overall one", () => {
    const prompt = "A blue play button symbolizes starting or continuing media.";
    const draft = generateSvg(prompt, { flaws: ["colour"] });
    const a = assessImage(decodePng(renderSvgPng(draft.svg)), prompt);
    const missing = a.findings.find((f) => f.kind === "colour-missing");
    const subject = a.findings.find((f) => f.kind === "subject-colour");
    expect(missing?.colour?.name).toBe("blue");
    expect(subject?.colour?.name).toBe("blue");
    expect(subject?.penalty).toBe(SUBJECT_COLOUR_ALREADY_MISSING);
  });
});
