import { describe, expect, it } from "vitest";
import { planPrompt } from "./prompt-plan";

const name = (p: ReturnType<typeof planPrompt>["main"]) => (p ? `${p.match.entry.set}:${p.match.entry.name}` : null);

describe("planPrompt", () => {
  it("reads a line icon request with its colour", () => {
    const plan = planPrompt("a blue line icon of a forklift");
    expect(name(plan.main)).toBe("line:forklift");
    expect(plan.lineMode).toBe(true);
    expect(plan.main?.colours.map((c) => c.name)).toEqual(["blue"]);
  });

  it("prefers the colour set for food, animals and objects", () => {
    expect(name(planPrompt("a hamburger with cheese and lettuce on it").main)).toBe("colour:hamburger");
    expect(name(planPrompt("an ant with black and gray stripes on its body").main)).toBe("colour:ant");
    expect(name(planPrompt("a slice of watermelon on a white background").main)).toBe("colour:watermelon");
  });

  it("handles plurals and synonyms", () => {
    expect(name(planPrompt("two socks on a white background").main)).toBe("colour:socks");
    expect(name(planPrompt("a house icon with a red roof").main)).toMatch(/house|home/);
    expect(name(planPrompt("a person riding a bicycle").main)).toMatch(/person|user|bike|bicycle/);
    expect(name(planPrompt("an email icon with a blue envelope").main)).toMatch(/mail|envelope/);
  });

  it("finds two subjects, or one icon naming both", () => {
    const magnifier = planPrompt("a magnifying glass with a cross in the middle");
    const both = [name(magnifier.main), name(magnifier.second)].join(" ");
    expect(both).toMatch(/zoom|search|magnifying/);
    expect(both).toMatch(/cancel|x|cross/);
    expect(magnifier.placement).toBe("centre");
    const basket = planPrompt("an illustration of a basket with eggs");
    expect(name(basket.main)).toBe("colour:basket");
    expect(name(basket.second)).toBe("colour:egg");
    expect(basket.placement).toBe("corner");
  });

  it("separates background colours and part words", () => {
    const plan = planPrompt("a calculator icon with a green background");
    expect(plan.background?.name).toBe("green");
    expect(name(plan.main)).toMatch(/calculator/);
    expect(planPrompt("a paint brush icon with a green handle").second).toBeNull();
  });

  it("tells a part's colour from the subject's own, and how a thing looks from what it is", () => {
    const brush = planPrompt("a red paint brush with a green and white handle");
    expect(brush.main?.colours.map((c) => c.name)).toEqual(["red", "green", "white"]);
    expect(brush.main?.ownColours.map((c) => c.name)).toEqual(["red"]);
    expect(planPrompt("a white security camera icon set against a blue circular background").unmatched).toEqual([]);
    expect(planPrompt("a frog on a lily pad").unmatched).toEqual(["lily pad"]);
  });

  it("reads single letters and gives up honestly on unknown subjects", () => {
    expect(name(planPrompt("a black and white logo with the letter a").main)).toBe("line:letter-a");
    const unknown = planPrompt("spongebob squarepants icon");
    expect(unknown.main).toBeNull();
    expect(unknown.contentWords).toContain("spongebob");
  });
});
