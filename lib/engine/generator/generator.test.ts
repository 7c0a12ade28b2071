import { afterEach, describe, expect, it, vi } from "vitest";
import { DRAWING_TOKEN_BUDGET, generateSvg, type Flaw } from "./generator";
import { countTokens } from "../protocol/tokenize";
import { colourShare } from "../drawing/image-measure";
import { colourWord } from "../vocabulary/colour-words";
import { validateSvg } from "../../svg/validate-svg";
import { judge, renderMeasure } from "../../../test/support/engine-judging";
import { examplePrompts } from "../../../test/support/example-prompts";

const MODEL_ROOT = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">`;

function expectModelStyle(svg: string) {
  expect(svg.startsWith(MODEL_ROOT)).toBe(true);
  expect(svg.endsWith("</svg>")).toBe(true);
  expect(validateSvg(svg)).toEqual({ ok: true });
  expect(svg).not.toMatch(/<script|<foreignObject|<image|\bon[a-z]+=|currentColor/i);
  // No external reference: the only URL is the SVG namespace; href/url() only point inside.
  expect(svg.replace(MODEL_ROOT, "")).not.toMatch(/https?:/);
  for (const m of svg.matchAll(/(?:href="|url\()([^")]*)/g)) expect(m[1].startsWith("#")).toBe(true);
}

afterEach(() => vi.restoreAllMocks());

describe("generator", () => {
  it("draws a blue forklift for 'a blue line icon of a forklift'", () => {
    const g = generateSvg("a blue line icon of a forklift", { flaws: [] });
    expectModelStyle(g.svg);
    expect(g.icons).toEqual(["line:forklift"]);
    expect(g.svg).toContain(`stroke="${colourWord("blue")!.hex}"`);
    const a = judge(g.svg, "a blue line icon of a forklift");
    expect(a.score).toBeGreaterThanOrEqual(9.6);
    expect(colourShare(a.measure, ["blue"])).toBeGreaterThan(0.5);
  });

  it("recolours colour artwork to the asked colour", () => {
    const g = generateSvg("a blue bell icon on a white background", { flaws: [] });
    expect(g.icons[0]).toMatch(/^colour:/);
    const m = renderMeasure(g.svg);
    expect(colourShare(m, ["blue"])).toBeGreaterThan(0.3);
  });

  it("composes two subjects", () => {
    const g = generateSvg("an illustration of a basket with eggs", { flaws: [] });
    expect(g.icons).toEqual(["colour:basket", "colour:egg"]);
    expectModelStyle(g.svg);
    expect(judge(g.svg, "an illustration of a basket with eggs").score).toBeGreaterThanOrEqual(9.5);
  });

  it("draws a labelled fallback, never an empty SVG, for unknown subjects", () => {
    const g = generateSvg("a purple spongebob squarepants", { flaws: [] });
    expect(g.fallback).toBe(true);
    expect(g.svg).toContain(`<!-- built-in engine: no icon matched "spongebob squarepants" -->`);
    expectModelStyle(g.svg);
    const m = renderMeasure(g.svg);
    expect(m.inkFraction).toBeGreaterThan(0.2);
    expect(colourShare(m, ["purple"])).toBeGreaterThan(0.3);
    expect(renderMeasure(generateSvg("").svg).inkFraction).toBeGreaterThan(0.02);
  });

  it("is deterministic and never calls Math.random", () => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random must not be used");
    });
    const prompt = "a cloud with an arrow pointing down to the right";
    expect(generateSvg(prompt).svg).toBe(generateSvg(prompt).svg);
  });

  it("draws each kind of flaw so that the critic can measure it", () => {
    const prompt = "a green leaf is shown on a white background";
    const clean = judge(generateSvg(prompt, { flaws: [] }).svg, prompt);
    const expected: Partial<Record<Flaw, string>> = { small: "small", offcentre: "offcentre", clipped: "clipped", colour: "colour-missing" };
    for (const flaw of Object.keys(expected) as Flaw[]) {
      const g = generateSvg(prompt, { flaws: [flaw] });
      expect(g.flaws).toEqual([flaw]);
      const a = judge(g.svg, prompt);
      expect(
        a.findings.map((f) => f.kind),
        flaw,
      ).toContain(expected[flaw]);
      expect(a.score, flaw).toBeLessThanOrEqual(clean.score - 1.5);
    }
  });

  it("gives most drafts a deliberate flaw, as first drafts have (so most prompts show a loop)", () => {
    const prompts = examplePrompts()
      .slice(0, 100)
      .map((r) => r.desc);
    const drafts = prompts.map((p) => generateSvg(p));
    const flawed = drafts.filter((d) => d.flaws.length > 0).length;
    expect(flawed).toBeGreaterThanOrEqual(82);
    expect(flawed).toBeLessThanOrEqual(98);
    const kinds = new Set(drafts.flatMap((d) => d.flaws));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["clipped", "colour", "offcentre", "omit", "small"]));
  }, 120_000);

  it("keeps every drawing within its token budget: an oversized second subject is dropped, never cut off", () => {
    // The knot's colour artwork alone runs to ~10,000 tokens, past the generator's 6,000.
    const tie = generateSvg("A stylized black necktie with a blue knot forms a minimalistic elephant shape.");
    expect(countTokens(tie.svg)).toBeLessThanOrEqual(DRAWING_TOKEN_BUDGET);
    expect(tie.icons).toEqual(["colour:necktie"]);
    expect(validateSvg(tie.svg)).toEqual({ ok: true });
    for (const { desc } of examplePrompts().slice(0, 200)) expect(countTokens(generateSvg(desc).svg), desc).toBeLessThanOrEqual(DRAWING_TOKEN_BUDGET);
  });
});
