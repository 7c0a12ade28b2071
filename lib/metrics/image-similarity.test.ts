import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { blackImage, formatImageMatch, imageMatch, psnr, rgbaOnWhite, ssim, type RgbImage } from "./image-similarity";

/** Values computed with scikit-image by fixtures/image-match/reference.py (see its docstring). */
const FIXTURES = path.join(process.cwd(), "fixtures/image-match");
const reference = JSON.parse(readFileSync(path.join(FIXTURES, "reference.json"), "utf8")) as {
  pairs: { name: string; width: number; height: number; ssim: number; psnr: number }[];
};

function load(file: string): RgbImage {
  const png = PNG.sync.read(readFileSync(path.join(FIXTURES, file)));
  return rgbaOnWhite(png.data, png.width, png.height);
}

describe("ssim and psnr agree with scikit-image on the stored pairs", () => {
  it("has pairs to check", () => expect(reference.pairs.length).toBeGreaterThanOrEqual(5));
  for (const pair of reference.pairs) {
    it(`${pair.name}: SSIM ${pair.ssim.toFixed(4)}, PSNR ${pair.psnr.toFixed(2)} dB`, () => {
      const a = load(`${pair.name}.a.png`);
      const b = load(`${pair.name}.b.png`);
      expect([a.width, a.height]).toEqual([pair.width, pair.height]);
      expect(Math.abs(ssim(a, b) - pair.ssim)).toBeLessThan(0.005);
      expect(Math.abs(psnr(a, b) - pair.psnr)).toBeLessThan(0.005);
      // Window sums are exact, so the agreement is far closer than the 0.005 asked for.
      expect(ssim(a, b)).toBeCloseTo(pair.ssim, 9);
      expect(psnr(a, b)).toBeCloseTo(pair.psnr, 9);
    });
  }
});

describe("image-similarity", () => {
  const grey = (width: number, height: number, value: number): RgbImage => ({ width, height, data: new Uint8Array(width * height * 3).fill(value) });

  it("is symmetric, and identical images score SSIM 1 and PSNR 100 (SArena's infinity)", () => {
    const a = load("line-icon-shifted.a.png");
    const b = load("line-icon-shifted.b.png");
    expect(ssim(a, b)).toBeCloseTo(ssim(b, a), 12);
    expect(imageMatch(a, a)).toEqual({ ssim: 1, psnr: 100 });
  });

  it("scores a one-level difference everywhere at 48.13 dB", () => {
    expect(psnr(grey(20, 20, 100), grey(20, 20, 101))).toBeCloseTo(20 * Math.log10(255), 9);
  });

  it("refuses images of different sizes, wrong byte counts and sides under the 11-pixel window", () => {
    expect(() => ssim(grey(20, 20, 0), grey(21, 20, 0))).toThrow(/same size/);
    expect(() => psnr({ width: 2, height: 2, data: new Uint8Array(5) }, grey(2, 2, 0))).toThrow(/12 bytes/);
    expect(() => ssim(grey(10, 40, 0), grey(10, 40, 0))).toThrow(/at least 11×11/);
  });

  it("composites straight RGBA over white, rounding", () => {
    const image = rgbaOnWhite([255, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128], 3, 1);
    expect([...image.data]).toEqual([255, 0, 0, 255, 255, 255, 127, 127, 127]);
    expect(() => rgbaOnWhite([0, 0, 0], 1, 1)).toThrow(/RGBA/);
  });

  it("SArena's failed SVG is a black 448×448 image", () => {
    const black = blackImage();
    expect([black.width, black.height, black.data.length, black.data.every((v) => v === 0)]).toEqual([448, 448, 448 * 448 * 3, true]);
  });

  it("formats a match as the studio shows it", () => {
    expect(formatImageMatch({ ssim: 0.91234, psnr: 21.449 })).toBe("SSIM 0.912 · PSNR 21.4 dB");
    expect(formatImageMatch({ ssim: 1, psnr: 100 })).toBe("SSIM 1.000 · PSNR 100.0 dB");
  });
});
