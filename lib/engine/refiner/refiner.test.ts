import { describe, expect, it } from "vitest";
import { critiqueFromAssessment } from "../critic/critic";
import { AFFIRMATIVE } from "../critic/critic-text";
import { generateSvg } from "../generator/generator";
import { iconArtwork } from "../vocabulary/icon-sets";
import { colourShare } from "../drawing/image-measure";
import { readRequest, refineSvg, splitSuggestions } from "./refiner";
import { validateSvg } from "../../svg/validate-svg";
import { judge, svg200 } from "../../../test/support/engine-judging";
import { examplePrompts } from "../../../test/support/example-prompts";

/** One loop round as the studio runs it: render → critique → refine. */
function round(prompt: string, svg: string) {
  const before = judge(svg, prompt);
  const { critique, suggestions } = critiqueFromAssessment(before);
  const refined = refineSvg({ originPrompt: prompt, svg, critique, suggestions });
  return { before, refined };
}

describe("refiner: reading suggestions", () => {
  it("splits numbered suggestions on one line or several", () => {
    expect(splitSuggestions("1. Do A. 2. Do B.")).toEqual(["Do A.", "Do B."]);
    expect(splitSuggestions("1. Do A\n2. Do B\n3. Do C")).toEqual(["Do A", "Do B", "Do C"]);
  });

  it("understands the critic's own suggestion phrases", () => {
    expect(readRequest("Scale the drawing up by about 2.1× so it spans roughly 75–80% of the canvas")?.kind).toBe("fit");
    expect(readRequest("Recentre the composition: move it about 30px left")?.kind).toBe("fit");
    expect(readRequest("Bring the shapes clipped at the right edge back inside the canvas")?.kind).toBe("fit");
    const colour = readRequest("Recolour the main shapes to dark green (for example #2e7d32) as the prompt asks");
    expect(colour?.kind).toBe("recolour");
    expect(colour?.colours.map((c) => c.name)).toEqual(["dark green"]);
    expect(readRequest(AFFIRMATIVE)).toBeNull();
  });
});

describe("refiner: fixing what it measures", () => {
  const prompt = "a blue circle icon";

  it("recentres and rescales an off-centre, small drawing", () => {
    const { before, refined } = round(prompt, svg200(`<circle cx="150" cy="140" r="25" fill="#1e88e5"/>`));
    expect(before.score).toBeLessThan(7);
    expect(refined.applied).toBe("fit");
    expect(validateSvg(refined.svg)).toEqual({ ok: true });
    const after = judge(refined.svg, prompt);
    expect(after.score).toBeGreaterThanOrEqual(9.5);
    expect(Math.abs(after.measure.offset.dx)).toBeLessThan(0.02);
  });

  it("brings a clipped drawing back inside the canvas, whole", () => {
    const { refined } = round(prompt, svg200(`<circle cx="190" cy="100" r="60" fill="#1e88e5"/>`));
    const after = judge(refined.svg, prompt);
    expect(after.measure.clipped).toEqual([]);
    // The whole circle came back, not just the visible part: it is round again.
    const { x0, x1, y0, y1 } = after.measure.bbox!;
    expect(Math.abs(x1 - x0 - (y1 - y0))).toBeLessThan(0.02);
  });

  it("recolours to the asked colour, keeping colours already right", () => {
    const draft = svg200(`<circle cx="100" cy="100" r="78" fill="#e53935"/><circle cx="100" cy="100" r="30" fill="#43a047"/>`);
    const { refined } = round("a blue and green target", draft);
    expect(refined.applied).toBe("recolour");
    const after = judge(refined.svg, "a blue and green target");
    expect(colourShare(after.measure, ["blue"])).toBeGreaterThan(0.5);
    expect(colourShare(after.measure, ["green"])).toBeGreaterThan(0.1);
    expect(after.findings.filter((f) => f.kind.startsWith("colour"))).toEqual([]);
  });

  it("redraws a blank or unreadable draft", () => {
    expect(round(prompt, svg200("")).refined.applied).toBe("regenerate");
    const r = refineSvg({ originPrompt: prompt, svg: "I could not draw that.", critique: "", suggestions: "" });
    expect(r.applied).toBe("regenerate");
    expect(judge(r.svg, prompt).score).toBeGreaterThanOrEqual(9.5);
  });

  it("re-measures instead of trusting the text", () => {
    const good = svg200(`<circle cx="100" cy="100" r="78" fill="#1e88e5"/>`);
    const r = refineSvg({
      originPrompt: prompt,
      svg: good,
      critique: "It is off-centre.",
      suggestions: "1. Recentre the composition: move it 40px left. 2. Scale the drawing up.",
    });
    expect(r.requested).toEqual(["fit"]);
    expect(r.applied).toBeNull();
    expect(r.svg).toBe(good);
    // And it finds a problem no suggestion mentions.
    const off = refineSvg({ originPrompt: prompt, svg: svg200(`<circle cx="60" cy="100" r="50" fill="#1e88e5"/>`), critique: "", suggestions: AFFIRMATIVE });
    expect(off.applied).toBe("fit");
  });

  it("adds the prompt's second subject when the suggestions ask for it", () => {
    const prompt = "an illustration of a basket with eggs";
    const basketOnly = generateSvg("an illustration of a basket", { flaws: [] }).svg;
    const r = refineSvg({
      originPrompt: prompt,
      svg: basketOnly,
      critique: "The eggs are missing.",
      suggestions: "1. Add the eggs in the basket as the prompt asks.\n2. Keep the outline clean.",
    });
    expect(r.requested).toContain("add");
    expect(r.applied).toBe("add");
    const egg = /<path[^>]*d="([^"]{12})/.exec(iconArtwork("colour", "egg")!.body)![1];
    expect(r.svg).toContain(egg);
    expect(basketOnly).not.toContain(egg);
    expect(judge(r.svg, prompt).score).toBeGreaterThanOrEqual(9.5);
  });

  it("frames the drawing in a missing colour when no colour group is left to move", () => {
    const draft = svg200(`<circle cx="100" cy="100" r="60" fill="none" stroke="#212121" stroke-width="12"/>`);
    const { refined } = round("a black and blue ring", draft);
    const after = judge(refined.svg, "a black and blue ring");
    expect(colourShare(after.measure, ["blue"])).toBeGreaterThan(0.05);
    expect(colourShare(after.measure, ["black"])).toBeGreaterThan(0.05);
  });
});

describe("the loop improves flawed drafts", () => {
  it("raises the score with its first refinement, and never lowers it, for at least 80% of the first 30 CSV prompts with a flawed draft", () => {
    const prompts = examplePrompts().map((r) => r.desc);
    const flawed = prompts
      .slice(0, 40)
      .map((p) => ({ p, draft: generateSvg(p) }))
      .filter((d) => d.draft.flaws.length > 0)
      .slice(0, 30);
    expect(flawed.length).toBe(30);
    let improved = 0;
    for (const { p, draft } of flawed) {
      let svg = draft.svg;
      const scores: number[] = [];
      for (let i = 0; i <= 3; i++) {
        const r = round(p, svg);
        scores.push(r.before.score);
        if (r.before.score >= 9.5) break;
        svg = r.refined.svg;
      }
      if (scores.length > 1 && scores[1] > scores[0]) improved += 1;
    }
    // Not all: a prompt naming something the engine has no artwork for cannot be made whole.
    expect(improved).toBeGreaterThanOrEqual(24);
  }, 600_000);
});
