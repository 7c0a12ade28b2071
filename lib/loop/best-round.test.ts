import { describe, expect, it } from "vitest";
import { bestRuleOf, pickBest } from "./best-round";

describe("pickBest", () => {
  it("takes the highest score, the earliest on a tie, and skips unscored rounds", () => {
    expect(
      pickBest([
        { index: 1, score: 6 },
        { index: 2, score: null },
        { index: 3, score: 8 },
        { index: 4, score: 8 },
      ])?.index,
    ).toBe(3);
    expect(pickBest([{ index: 1, score: 0 }])?.index).toBe(1);
    expect(pickBest([{ index: 1, score: null }])).toBeNull();
    expect(pickBest([])).toBeNull();
  });
});

describe("pickBest in an image session", () => {
  it("uses the critic's score whenever a round is scored, SSIM only when nobody judges", () => {
    const judged = [
      { index: 1, score: 6, ssim: 0.99 },
      { index: 2, score: 8, ssim: 0.5 },
    ];
    expect(bestRuleOf(judged)).toBe("critic");
    expect(pickBest(judged)?.index).toBe(2);
    const unjudged = [
      { index: 1, score: null, ssim: 0.7 },
      { index: 2, score: null, ssim: 0.93 },
      { index: 3, score: null, ssim: 0.93 },
      { index: 4, score: null, ssim: null },
    ];
    expect(bestRuleOf(unjudged)).toBe("ssim");
    expect(pickBest(unjudged)?.index).toBe(2);
    expect(bestRuleOf([{ index: 1, score: null }])).toBeNull();
    expect(pickBest([{ index: 1, score: null }])).toBeNull();
  });
});
