import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { blackImage, psnr, ssim } from "./image-similarity";
import { matchSvgToImage, matchSvgToTarget, svgForMatch, targetForMatch } from "./node-image-match";

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const SQUARE = `<svg ${NS} viewBox="0 0 100 100"><rect x="20" y="20" width="60" height="60" fill="#e11d48"/></svg>`;

const pixel = (image: { width: number; data: Uint8Array }, x: number, y: number) => [
  ...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3),
];

describe("svgForMatch draws the SVG as SArena does", () => {
  it("at 448×448 RGB on white", () => {
    const image = svgForMatch(SQUARE);
    expect([image.width, image.height, image.data.length]).toEqual([448, 448, 448 * 448 * 3]);
    expect(pixel(image, 5, 5)).toEqual([255, 255, 255]);
    expect(pixel(image, 224, 224)).toEqual([225, 29, 72]);
  });

  it("a missing, empty or undrawable SVG is SArena's pure black image", () => {
    for (const svg of [null, undefined, "", "<svg", "not svg at all"]) {
      const image = svgForMatch(svg);
      expect([image.width, image.height, image.data.length, image.data.every((v) => v === 0)]).toEqual([448, 448, 448 * 448 * 3, true]);
    }
  });

  it("never loads what the SVG points at (the raster contract's neutralizing pass)", () => {
    const external = `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"><image href="/etc/passwd" width="100" height="100"/><image xlink:href="http://127.0.0.1:1/x.png" width="100" height="100"/></svg>`;
    expect(svgForMatch(external).data.every((v) => v === 255)).toBe(true);
  });
});

describe("targetForMatch brings a picture to 448×448 RGB on white", () => {
  it("flattens transparency on white and fits a wide picture inside the square, centred", async () => {
    // 200×100: an opaque blue left half, a transparent right half.
    const raw = Buffer.alloc(200 * 100 * 4);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) raw.set([37, 99, 235, 255], (y * 200 + x) * 4);
    const png = await sharp(raw, { raw: { width: 200, height: 100, channels: 4 } })
      .png()
      .toBuffer();
    const image = await targetForMatch(png);
    expect([image.width, image.height]).toEqual([448, 448]);
    expect(pixel(image, 100, 224)).toEqual([37, 99, 235]); // the blue half, centred vertically
    expect(pixel(image, 350, 224)).toEqual([255, 255, 255]); // the transparent half
    expect(pixel(image, 100, 40)).toEqual([255, 255, 255]); // the letterbox above
  });

  it("reads JPEG and WebP as well as PNG", async () => {
    const svgPng = Buffer.from(await sharp(Buffer.from(SQUARE)).resize(256, 256).flatten({ background: "#fff" }).png().toBuffer());
    for (const format of ["jpeg", "webp", "png"] as const) {
      const bytes = await sharp(svgPng).toFormat(format, { quality: 95 }).toBuffer();
      const match = await matchSvgToImage(SQUARE, bytes);
      expect(match.ssim, format).toBeGreaterThan(0.95);
      expect(match.psnr, format).toBeGreaterThan(25);
    }
  });

  it("rejects bytes that are not a picture", async () => {
    await expect(targetForMatch(new TextEncoder().encode("<svg></svg> but not really"))).rejects.toThrow();
  });
});

describe("matchSvgToTarget", () => {
  it("scores an SVG against its own render as identical, and a failed SVG as SArena's black", async () => {
    const target = svgForMatch(SQUARE);
    expect(matchSvgToTarget(SQUARE, target)).toEqual({ ssim: 1, psnr: 100 });
    const black = blackImage();
    expect(matchSvgToTarget("<svg", target)).toEqual({ ssim: ssim(target, black), psnr: psnr(target, black) });
  });
});
