import { describe, expect, it } from "vitest";
import { pickBest } from "./best-round";

describe("pickBest", () => {
  it("takes the highest score, the earliest on a tie, and skips unscored rounds", () => {
    expect(pickBest([{ index: 1, score: 6 }, { index: 2, score: null }, { index: 3, score: 8 }, { index: 4, score: 8 }])?.index).toBe(3);
    expect(pickBest([{ index: 1, score: 0 }])?.index).toBe(1);
    expect(pickBest([{ index: 1, score: null }])).toBeNull();
    expect(pickBest([])).toBeNull();
  });
});
