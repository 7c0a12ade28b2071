/**
 * How the critic sees a subject (see-artwork.ts): found where the luminance alone hides it (on a
 * ground of its own brightness; a line icon drawn in two colours), and not found in a drawing of
 * something else. The prompts are example prompts whose own drafts the critic once failed to
 * recognise.
 */
import { describe, expect, it } from "vitest";
import { generateSvg } from "../generator/generator";
import { artworkOptions } from "../vocabulary/artwork-choice";
import { planBrief } from "../vocabulary/prompt-plan";
import { renderSvgPng } from "../../raster/node";
import { decodePng } from "./image-measure";
import { findArtwork, PRESENT } from "./see-artwork";

/** The best score over the artwork the critic would look for, for the prompt's main subject. */
function mainSubjectScore(prompt: string, svg: string): number {
  const plan = planBrief(prompt);
  if (!plan.main) throw new Error(`no main subject in "${prompt}"`);
  const img = decodePng(renderSvgPng(svg));
  return Math.max(
    ...artworkOptions(plan.main, plan)
      .slice(0, 2)
      .map((art) => findArtwork(img, art)[0]?.score ?? 0),
  );
}

/** The prompt's own first draft, as the engine draws it (its flaws checked, so the case stays the one meant). */
function draft(prompt: string, flaws: string[]): string {
  const drawn = generateSvg(prompt);
  expect(drawn.flaws).toEqual(flaws);
  return drawn.svg;
}

describe("seeing a subject in a render", () => {
  it("finds a subject on a ground as bright as it is: an orange pencil on a turquoise disc", () => {
    const prompt = "A colorful pencil with a sharp gray tip stands vertically against a circular turquoise background.";
    expect(mainSubjectScore(prompt, draft(prompt, ["small"]))).toBeGreaterThanOrEqual(PRESENT);
  }, 30_000);

  it("finds a yellow moon on a gray tile", () => {
    const prompt = "A yellow crescent moon with a glowing star rests against a soft beige and red backdrop, symbolizing nighttime serenity.";
    expect(mainSubjectScore(prompt, draft(prompt, ["omit", "colour"]))).toBeGreaterThanOrEqual(PRESENT);
  }, 30_000);

  it("finds a line icon drawn in two colours by its ink", () => {
    const prompt = "Gray document with three blue lines and a blue rectangle.";
    expect(mainSubjectScore(prompt, draft(prompt, ["small"]))).toBeGreaterThanOrEqual(PRESENT);
  }, 30_000);

  it("does not find the pencil in a drawing of something else on the same ground", () => {
    const pencil = "A colorful pencil with a sharp gray tip stands vertically against a circular turquoise background.";
    const cat = generateSvg("A sleeping cat against a circular turquoise background.", { flaws: [] }).svg;
    expect(mainSubjectScore(pencil, cat)).toBeLessThan(PRESENT);
  }, 30_000);

  it("does not take a small part of another drawing for the subject: no car battery in a clock's face", () => {
    const battery = "A green car battery with a yellow lightning bolt symbol represents stored energy or power.";
    const clock = generateSvg("A blue clock with a dark gray cloud symbolizes cloudy weather.").svg;
    expect(mainSubjectScore(battery, clock)).toBeLessThan(PRESENT);
  }, 30_000);
});
