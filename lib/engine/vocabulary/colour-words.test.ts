import { describe, expect, it } from "vitest";
import { classifyHex, classifyRgb, colourWord, findColourMentions } from "./colour-words";
import { promptWords } from "./prompt-plan";

const BASES = [
  "red",
  "crimson",
  "scarlet",
  "maroon",
  "burgundy",
  "orange",
  "amber",
  "yellow",
  "gold",
  "golden",
  "green",
  "lime",
  "olive",
  "mint",
  "teal",
  "turquoise",
  "cyan",
  "aqua",
  "blue",
  "azure",
  "navy",
  "indigo",
  "purple",
  "violet",
  "lavender",
  "lilac",
  "magenta",
  "fuchsia",
  "pink",
  "rose",
  "coral",
  "salmon",
  "peach",
  "brown",
  "tan",
  "beige",
  "cream",
  "khaki",
  "black",
  "white",
  "gray",
  "grey",
  "silver",
];

describe("colour words", () => {
  it("reads single colours, modifiers and pairs from a prompt", () => {
    const names = (p: string) => findColourMentions(promptWords(p)).map((m) => m.colour.name);
    expect(names("a blue line icon of a forklift")).toEqual(["blue"]);
    expect(names("a black and white icon of a light bulb")).toEqual(["black", "white"]);
    expect(names("a dark green leaf with light gray veins")).toEqual(["dark green", "light gray"]);
    expect(names("a navy blue anchor")).toEqual(["navy blue"]);
    expect(names("a house with a roof")).toEqual([]);
  });

  it("paints every colour word in a hex the critic reads back as that colour", () => {
    for (const base of BASES) {
      for (const modifier of [undefined, "light", "dark", "pale", "bright", "deep"]) {
        const c = colourWord(base, modifier)!;
        expect(c, `${modifier ?? ""} ${base}`).not.toBeNull();
        expect(c.accepts, `${c.name} ${c.hex} → ${classifyHex(c.hex)}`).toContain(classifyHex(c.hex));
      }
    }
  });

  it("classifies pixels perceptually: shades of a hue stay in its family", () => {
    expect(classifyRgb(30, 60, 140)).toBe("blue"); // navy
    expect(classifyRgb(120, 190, 250)).toBe("blue"); // sky
    expect(classifyRgb(200, 30, 40)).toBe("red");
    expect(classifyRgb(20, 20, 20)).toBe("black");
    expect(classifyRgb(150, 150, 150)).toBe("gray");
    expect(classifyRgb(40, 150, 60)).toBe("green");
    expect(classifyRgb(255, 215, 0)).toBe("yellow");
  });
});
