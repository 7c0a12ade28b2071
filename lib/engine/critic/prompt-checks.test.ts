/**
 * The critic reads the render against the prompt, and the generator and refiner act on what it
 * finds: each finding, the composition of scenes, and each kind of refinement.
 */
import { describe, expect, it } from "vitest";
import { generateSvg } from "../generator/generator";
import { refineSvg } from "../refiner/refiner";
import { judge, svg200 } from "../../../test/support/engine-judging";
import { briefWithNotes } from "../../introsvg/designer-notes";
import { critiqueFromAssessment } from "./critic";
import { unclearPenalty } from "./prompt-checks";
import { PRESENT } from "../drawing/see-artwork";

const kinds = (prompt: string, svg: string) => judge(svg, prompt).findings.map((f) => f.kind);
const suggestionsOf = (prompt: string, svg: string) => critiqueFromAssessment(judge(svg, prompt)).suggestions;

describe("the critic reads the picture against the prompt", () => {
  it("scores a prompt's own clean drawing high, and another prompt's drawing low", () => {
    const cat = generateSvg("a sleeping cat", { flaws: [] }).svg;
    const forklift = generateSvg("a blue line icon of a forklift", { flaws: [] }).svg;
    expect(judge(cat, "a sleeping cat").score).toBeGreaterThanOrEqual(9.5);
    const wrong = judge(forklift, "a sleeping cat");
    expect(wrong.score).toBeLessThan(6);
    expect(wrong.findings.some((f) => f.kind === "subject-missing" && f.label === "cat")).toBe(true);
    expect(critiqueFromAssessment(wrong).suggestions).toMatch(/Draw the cat/);
  }, 60_000);

  it("names a missing second subject and says where it goes", () => {
    const prompt = "a bicycle in front of a brick wall at sunset";
    const alone = generateSvg(prompt, { flaws: ["omit"] }).svg;
    const a = judge(alone, prompt);
    expect(a.findings.some((f) => f.kind === "scenery-missing" && f.label === "a brick wall")).toBe(true);
    expect(critiqueFromAssessment(a).suggestions).toMatch(/Add a brick wall behind the bicycle/);
  }, 60_000);

  it("finds a wrong colour, and describes what is drawn", () => {
    const red = generateSvg("a red apple", { flaws: [] }).svg;
    const a = judge(red, "a green apple");
    expect(a.findings.map((f) => f.kind)).toContain("subject-colour");
    expect(critiqueFromAssessment(a).critique).toMatch(/the apple is red rather than green/);
    const { critique } = critiqueFromAssessment(a);
    expect(critique).toMatch(/filled drawing in red/);
    expect(critique).toMatch(/apple in the centre/);
  }, 60_000);

  it("finds the wrong style: filled shapes where line art is asked", () => {
    const prompt = "a line art icon of a cat";
    const filled = generateSvg(prompt, { flaws: ["style"] }).svg;
    expect(kinds(prompt, filled)).toContain("style");
    expect(suggestionsOf(prompt, filled)).toMatch(/Restyle the drawing as line art/);
    expect(kinds(prompt, generateSvg(prompt, { flaws: [] }).svg)).not.toContain("style");
  }, 60_000);

  it("scores a blank canvas near zero", () => {
    const a = judge(svg200(""), "a sleeping cat");
    expect(a.findings[0].kind).toBe("blank");
    expect(a.score).toBeLessThan(1);
  });

  it("says plainly when the engine has no artwork for a named thing", () => {
    const prompt = "a frog on a lily pad";
    const { critique } = critiqueFromAssessment(judge(generateSvg(prompt, { flaws: [] }).svg, prompt));
    expect(critique).toMatch(/"lily pad", for which the built-in engine has no artwork/);
  }, 60_000);

  it("never reports a word for how a thing looks as a thing it lacks, nor asks a part's colour of the whole", () => {
    const prompt = "A colorful pencil with a sharp gray tip stands vertically against a circular turquoise background.";
    const a = judge(generateSvg(prompt, { flaws: [] }).svg, prompt);
    expect(a.findings.filter((f) => f.kind === "no-artwork")).toEqual([]);
    // The tip is gray, not the pencil: an orange pencil is no colour slip.
    expect(a.findings.filter((f) => f.kind === "subject-colour")).toEqual([]);
    expect(critiqueFromAssessment(a).critique).not.toMatch(/"(sharp|circular)"/);
  }, 60_000);
});

describe("drawings carry the whole prompt", () => {
  it("puts named scenery behind or under the subject, not a corner badge", () => {
    const prompt = "a bicycle in front of a brick wall at sunset";
    const g = generateSvg(prompt, { flaws: [] });
    const a = judge(g.svg, prompt);
    expect(a.seen.scenery).toEqual(expect.arrayContaining(["a brick wall"]));
    expect(a.findings.filter((f) => f.kind === "scenery-missing")).toEqual([]);
    const grass = judge(generateSvg("a cat sitting on the grass", { flaws: [] }).svg, "a cat sitting on the grass");
    expect(grass.seen.scenery).toContain("a strip of grass");
  }, 60_000);

  it("honours seed: the same seed the same draft, seeds 0–3 different drafts", () => {
    const prompt = "a blue line icon of a forklift";
    expect(generateSvg(prompt, { seed: 2 }).svg).toBe(generateSvg(prompt, { seed: 2 }).svg);
    const drafts = new Set([0, 1, 2, 3].map((seed) => generateSvg(prompt, { seed }).svg));
    expect(drafts.size).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe("refinements act on the suggestions", () => {
  const refine = (prompt: string, svg: string) => {
    const c = critiqueFromAssessment(judge(svg, prompt));
    return refineSvg({ originPrompt: prompt, svg, critique: c.critique, suggestions: c.suggestions });
  };

  it("adds what is missing", () => {
    const prompt = "a cat sitting on the grass";
    const draft = generateSvg(prompt, { flaws: ["omit"] }).svg;
    expect(kinds(prompt, draft)).toContain("scenery-missing");
    const r = refine(prompt, draft);
    expect(r.applied).toBe("add");
    expect(judge(r.svg, prompt).score).toBeGreaterThan(judge(draft, prompt).score);
  }, 90_000);

  it("moves: recentres a drawing that sits off-centre", () => {
    const prompt = "a sleeping cat";
    const draft = generateSvg(prompt, { flaws: ["offcentre"] }).svg;
    const r = refine(prompt, draft);
    expect(r.applied).toBe("fit");
    expect(judge(r.svg, prompt).score).toBeGreaterThan(judge(draft, prompt).score);
  }, 90_000);

  it("recolours to the asked colour", () => {
    const prompt = "a blue line icon of a forklift";
    const draft = generateSvg(prompt, { flaws: ["colour"] }).svg;
    const r = refine(prompt, draft);
    expect(r.applied).toBe("recolour");
    expect(judge(r.svg, prompt).score).toBeGreaterThan(judge(draft, prompt).score);
  }, 90_000);

  it("restyles to the asked style", () => {
    const prompt = "a line art icon of a cat";
    const draft = generateSvg(prompt, { flaws: ["style"] }).svg;
    const r = refine(prompt, draft);
    expect(r.applied).toBe("restyle");
    expect(kinds(prompt, r.svg)).not.toContain("style");
  }, 90_000);

  it("keeps to the designer's notes: against 'make it blue', a red apple loses and the refinement stays blue", () => {
    const brief = briefWithNotes("a red apple", "make it blue");
    const red = generateSvg("a red apple", { flaws: [] }).svg;
    const blue = generateSvg(brief, { flaws: [] }).svg;
    expect(judge(blue, brief).score).toBeGreaterThan(judge(red, brief).score + 1);
    const r = refine(brief, red);
    expect(judge(r.svg, brief).findings.some((f) => f.kind === "colour-missing")).toBe(false);
  }, 90_000);
});

describe("a subject seen only roughly", () => {
  it("costs more the nearer it is to not being there, never more than a missing one", () => {
    expect(unclearPenalty(0.73, "main")).toBeCloseTo(1.5, 1);
    expect(unclearPenalty(0.62, "main")).toBeGreaterThan(unclearPenalty(0.7, "main"));
    expect(unclearPenalty(PRESENT, "main")).toBeCloseTo(3.6, 5);
    expect(unclearPenalty(PRESENT, "main")).toBeLessThan(5.2); // a missing main subject
    expect(unclearPenalty(PRESENT, "second")).toBeLessThan(2.4); // a missing second one
    expect(unclearPenalty(0.2, "main")).toBe(unclearPenalty(PRESENT, "main"));
  });
});
