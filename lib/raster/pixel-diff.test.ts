import { describe, expect, it } from "vitest";
import { diffPixels, formatChangedShare } from "./pixel-diff";

/** A w×h RGBA image filled with one colour. */
function fill(w: number, h: number, rgba: [number, number, number, number]): Uint8ClampedArray {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return data;
}

const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const at = (data: Uint8ClampedArray, w: number, x: number, y: number) => Array.from(data.slice((y * w + x) * 4, (y * w + x) * 4 + 4));

describe("diffPixels", () => {
  it("counts the pixels that differ and highlights exactly those", () => {
    const left = fill(4, 4, WHITE);
    const right = fill(4, 4, WHITE);
    right.set([255, 0, 0, 255], (1 * 4 + 2) * 4); // (2, 1) turns red
    right.set([0, 0, 0, 255], (3 * 4 + 0) * 4); // (0, 3) turns black
    const diff = diffPixels(left, right, 4, 4);
    expect(diff).toMatchObject({ width: 4, height: 4, changed: 2, total: 16, share: 2 / 16 });
    expect(at(diff.image, 4, 2, 1)).toEqual([219, 39, 119, 255]);
    expect(at(diff.image, 4, 0, 3)).toEqual([219, 39, 119, 255]);
    // Unchanged white stays white; every pixel is opaque.
    expect(at(diff.image, 4, 0, 0)).toEqual([255, 255, 255, 255]);
    for (let i = 3; i < diff.image.length; i += 4) expect(diff.image[i]).toBe(255);
  });

  it("shows unchanged ink as a faint grey ghost of the right image", () => {
    const black = fill(1, 1, [0, 0, 0, 255]);
    const diff = diffPixels(black, black, 1, 1, { ghost: 0.25 });
    expect(diff.changed).toBe(0);
    expect(at(diff.image, 1, 0, 0)).toEqual([191, 191, 191, 255]);
  });

  it("ignores differences within the tolerance and compares over white", () => {
    const a = fill(2, 1, [100, 100, 100, 255]);
    const b = fill(2, 1, [110, 100, 95, 255]);
    expect(diffPixels(a, b, 2, 1).changed).toBe(0);
    expect(diffPixels(a, b, 2, 1, { tolerance: 5 }).changed).toBe(2);
    // Fully transparent is white, whatever its colour channels say.
    expect(diffPixels(fill(1, 1, [0, 0, 0, 0]), fill(1, 1, WHITE), 1, 1).changed).toBe(0);
    expect(diffPixels(fill(1, 1, [0, 0, 0, 128]), fill(1, 1, WHITE), 1, 1).changed).toBe(1);
  });

  it("refuses images of the wrong size", () => {
    expect(() => diffPixels(fill(2, 2, WHITE), fill(2, 1, WHITE), 2, 2)).toThrow(/2×2 RGBA pixels \(16 values\); got 16 and 8/);
    expect(() => diffPixels([], [], 0, 0)).toThrow(RangeError);
  });
});

describe("formatChangedShare", () => {
  it("gives one decimal at most, and never rounds a change away", () => {
    expect(formatChangedShare(0)).toBe("0%");
    expect(formatChangedShare(1)).toBe("100%");
    expect(formatChangedShare(0.125)).toBe("12.5%");
    expect(formatChangedShare(0.5)).toBe("50%");
    expect(formatChangedShare(0.1234)).toBe("12.3%");
    expect(formatChangedShare(1 / 40000)).toBe("<0.1%");
    expect(formatChangedShare(0.99995)).toBe(">99.9%");
  });
});
